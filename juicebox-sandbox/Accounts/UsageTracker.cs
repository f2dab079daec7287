using System.Collections.Concurrent;
using Juicebox.Sandbox.Api;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Accounts;

/// <summary>
/// Counts what each key spends and enforces its plan: requests per minute and per day, searches
/// and enrichments per month. Every operation locks the key's counters, so counts are exact.
/// </summary>
internal sealed class UsageTracker
{
    private readonly ConcurrentDictionary<string, KeyUsage> _usage = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _rateWindow;

    public UsageTracker(TimeProvider timeProvider, IOptions<SandboxOptions> options)
    {
        _timeProvider = timeProvider;
        _rateWindow = options.Value.RateWindow;
    }

    /// <summary>Charges one request, unless the rate window (a minute) or the day is used up.</summary>
    public ChargeResult ChargeRequest(ApiKey key)
    {
        var now = _timeProvider.GetUtcNow();
        var usage = UsageOf(key);
        lock (usage)
        {
            usage.Roll(now, _rateWindow);
            var limits = key.Limits;
            if (usage.RequestsThisMinute >= limits.RequestsPerMinute)
            {
                var state = StateOf(key, usage);
                return new ChargeResult(ErrorCodes.RateLimited, UsageWindows.Until(state.Reset, now), state);
            }

            if (usage.RequestsToday >= limits.RequestsPerDay)
            {
                var reset = usage.DayStart.AddDays(1);
                return new ChargeResult(ErrorCodes.QuotaExceeded, UsageWindows.Until(reset, now), StateOf(key, usage));
            }

            usage.RequestsThisMinute++;
            usage.RequestsToday++;
            return new ChargeResult(null, TimeSpan.Zero, StateOf(key, usage));
        }
    }

    /// <summary>The key's current window, without charging anything.</summary>
    public RateLimitState Peek(ApiKey key)
    {
        var usage = UsageOf(key);
        lock (usage)
        {
            usage.Roll(_timeProvider.GetUtcNow(), _rateWindow);
            return StateOf(key, usage);
        }
    }

    /// <summary>The window reported to callers without a valid key: a fresh free-plan window.</summary>
    public RateLimitState Anonymous()
    {
        var limit = PlanLimits.ForPlan("free")!.RequestsPerMinute;
        return new RateLimitState(limit, limit, UsageWindows.RateWindowStart(_timeProvider.GetUtcNow(), _rateWindow) + _rateWindow);
    }

    public ChargeResult ChargeSearch(ApiKey key)
    {
        return ChargeMonthly(key, 1, key.Limits.SearchesPerMonth, static u => u.Searches, static (u, n) => u.Searches += n);
    }

    /// <summary>Charges <paramref name="count"/> enrichments at once, or none if they don't all fit.</summary>
    public ChargeResult ChargeEnrichments(ApiKey key, int count)
    {
        return ChargeMonthly(key, count, key.Limits.EnrichmentsPerMonth, static u => u.Enrichments, static (u, n) => u.Enrichments += n);
    }

    public UsageSnapshot GetUsage(ApiKey key)
    {
        var usage = UsageOf(key);
        lock (usage)
        {
            usage.Roll(_timeProvider.GetUtcNow(), _rateWindow);
            return new UsageSnapshot(usage.MonthStart, usage.MonthStart.AddMonths(1), usage.RequestsToday, usage.Searches, usage.Enrichments);
        }
    }

    /// <summary>Forgets every window and quota, as if no key had been used.</summary>
    public void Reset()
    {
        _usage.Clear();
    }

    private ChargeResult ChargeMonthly(ApiKey key, int count, int? limit, Func<KeyUsage, int> read, Action<KeyUsage, int> add)
    {
        var now = _timeProvider.GetUtcNow();
        var usage = UsageOf(key);
        lock (usage)
        {
            usage.Roll(now, _rateWindow);
            if (limit is { } max && read(usage) + count > max)
            {
                var reset = usage.MonthStart.AddMonths(1);
                return new ChargeResult(ErrorCodes.QuotaExceeded, UsageWindows.Until(reset, now), StateOf(key, usage));
            }

            add(usage, count);
            return new ChargeResult(null, TimeSpan.Zero, StateOf(key, usage));
        }
    }

    private KeyUsage UsageOf(ApiKey key)
    {
        return _usage.GetOrAdd(key.Key, static _ => new KeyUsage());
    }

    private RateLimitState StateOf(ApiKey key, KeyUsage usage)
    {
        var limit = key.Limits.RequestsPerMinute;
        return new RateLimitState(limit, Math.Max(0, limit - usage.RequestsThisMinute), usage.MinuteStart + _rateWindow);
    }
}

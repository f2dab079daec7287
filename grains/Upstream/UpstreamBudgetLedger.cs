using Juicebox.Client.Models;
using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Grains.Upstream;

/// <summary>
/// The accounting of <see cref="UpstreamBudgetGrain"/>, on times handed in. Calls are paced one slot
/// at a time: each reservation takes the next free slot, one pace interval after the last, so no
/// fixed upstream window of a minute can see more than the per-minute limit. Requests are counted per
/// UTC day and enrichments per period; what the upstream answers (headers, 429s) moves the limits
/// and pauses the pace.
/// </summary>
internal sealed class UpstreamBudgetLedger
{
    private readonly UpstreamBudgetOptions _options;
    private readonly SortedDictionary<DateTimeOffset, int> _grantsByMinute = [];

    private int? _learnedPerMinute;
    private UpstreamLimitSource _learnedPerMinuteSource;
    private int? _learnedPerDay;
    private int? _learnedEnrichmentsPerMonth;
    private bool _enrichmentsPerMonthLearned;

    private DateTimeOffset? _lastSlot;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastInteractiveRetry = DateTimeOffset.MinValue.AddDays(1);
    private DateTimeOffset _lastBackgroundRetry = DateTimeOffset.MinValue.AddDays(1);
    private string? _pauseReason;

    private DateTimeOffset _dayStart;
    private int _grantedToday;
    private DateTimeOffset _requestQuotaSpentUntil;

    private DateTimeOffset _periodStart;
    private DateTimeOffset _periodEnd;
    private int _enrichmentsUsed;
    private DateTimeOffset _enrichmentQuotaSpentUntil;

    private long _totalGranted;
    private long _totalEnrichments;
    private long _rateLimitedResponses;
    private long _quotaExceededResponses;
    private DateTimeOffset? _usageLearnedAt;
    private UpstreamQuotaWarning? _lastQuotaWarning;
    private DateTimeOffset? _keyRotatedAt;

    public UpstreamBudgetLedger(UpstreamBudgetOptions options, DateTimeOffset now)
    {
        _options = options;
        _dayStart = DayStart(now);
        _periodStart = MonthStart(now);
        _periodEnd = _periodStart.AddMonths(1);
    }

    /// <summary>The key's plan, once <c>GET /auth/me</c> has said it.</summary>
    public string? Plan { get; set; }

    /// <summary>Counters to hand back to <see cref="LearnUsage"/>: what was granted after this point is not in the answer.</summary>
    public UpstreamBudgetMark Mark => new(_totalGranted, _totalEnrichments);

    public (int Limit, UpstreamLimitSource Source) RequestsPerMinute
    {
        get
        {
            var configured = _options.RequestsPerMinute;
            if (_learnedPerMinute is { } learned)
            {
                return configured is { } ceiling && ceiling < learned ? (ceiling, UpstreamLimitSource.Configured) : (learned, _learnedPerMinuteSource);
            }

            return configured is { } limit ? (limit, UpstreamLimitSource.Configured) : (_options.DefaultRequestsPerMinute, UpstreamLimitSource.Default);
        }
    }

    public (int? Limit, UpstreamLimitSource Source) RequestsPerDay
    {
        get
        {
            var configured = _options.RequestsPerDay;
            if (_learnedPerDay is { } learned)
            {
                return configured is { } ceiling && ceiling < learned ? (ceiling, UpstreamLimitSource.Configured) : (learned, UpstreamLimitSource.Usage);
            }

            return configured is { } limit ? (limit, UpstreamLimitSource.Configured) : (null, UpstreamLimitSource.Unknown);
        }
    }

    /// <summary>The monthly enrichment quota; null is unlimited (source Usage) or unknown (source Unknown).</summary>
    public (int? Limit, UpstreamLimitSource Source) EnrichmentsPerMonth
    {
        get
        {
            var configured = _options.EnrichmentsPerMonth;
            if (_enrichmentsPerMonthLearned)
            {
                return configured is { } ceiling && (_learnedEnrichmentsPerMonth is not { } learned || ceiling < learned)
                    ? (ceiling, UpstreamLimitSource.Configured)
                    : (_learnedEnrichmentsPerMonth, UpstreamLimitSource.Usage);
            }

            return configured is { } limit ? (limit, UpstreamLimitSource.Configured) : (null, UpstreamLimitSource.Unknown);
        }
    }

    /// <summary>The rate window (a minute) over the per-minute limit, stretched by the safety margin and rounded up to a tick.</summary>
    public TimeSpan PaceInterval =>
        TimeSpan.FromTicks((long)Math.Ceiling(_options.RateWindow.Ticks * (1 + (decimal)_options.SafetyMargin) / RequestsPerMinute.Limit));

    public UpstreamPermit Acquire(UpstreamPermitRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Enrichments);
        Roll(now);

        var slot = NextSlot(now);
        if (QuotaDenial(request.Enrichments, slot, now) is { } denied)
        {
            return denied;
        }

        var horizon = Horizon(request.Priority);
        if (slot - now > horizon)
        {
            return UpstreamPermit.Deny(SpreadRetry(request.Priority, slot - horizon), now, PaceReason(slot), quotaExhausted: false);
        }

        Reserve(slot, request.Enrichments);
        return UpstreamPermit.Grant(slot, now);
    }

    /// <summary>A slot for a call the budget makes itself: paced like any other, but never refused.</summary>
    public DateTimeOffset ReserveOwnCall(DateTimeOffset now)
    {
        Roll(now);
        var slot = NextSlot(now);
        Reserve(slot, enrichments: 0);
        return slot;
    }

    public void Observe(UpstreamObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Roll(now);

        // A header that confirms what is known keeps the source it was first learned from.
        if (observation.Limit is { } limit && limit > 0 && limit != _learnedPerMinute)
        {
            _learnedPerMinute = limit;
            _learnedPerMinuteSource = UpstreamLimitSource.Headers;
        }

        if (observation.Remaining == 0 && observation.Reset is { } reset && reset > now)
        {
            Pause(reset, $"The upstream's minute window is used up (x-ratelimit-remaining: 0) until {reset:u}.");
        }

        var waitGiven = observation.RetryAfter ?? (observation.Reset is { } end && end > now ? end - now : null);
        if (observation.StatusCode == 429 && observation.ErrorCode == JuiceboxErrorCodes.QuotaExceeded)
        {
            _quotaExceededResponses++;
            var until = now + (waitGiven ?? TimeSpan.FromMinutes(1));
            if (observation.Enrichments > 0)
            {
                _enrichmentQuotaSpentUntil = Max(_enrichmentQuotaSpentUntil, until);
            }
            else if (until <= DayStart(now).AddDays(1).AddMinutes(1))
            {
                _requestQuotaSpentUntil = Max(_requestQuotaSpentUntil, until);
            }

            // Otherwise a monthly quota only searches spend: searches are refused upstream on their own,
            // and every other call must go on.
        }
        else if (observation.StatusCode == 429)
        {
            _rateLimitedResponses++;
            var until = now + (waitGiven ?? PaceInterval);
            Pause(until, $"The upstream answered 429 {observation.ErrorCode ?? "RATE_LIMITED"}: no calls until {until:u}.");
        }

        // A 503's retry-after says nothing about the key's budget: the client's retries and circuit
        // breaker deal with an unwell upstream, so it pauses nothing here.

        // A 4xx was refused before anything was charged; a 5xx may have done the work, so it stays spent.
        if (observation.Enrichments > 0 && observation.StatusCode is >= 400 and < 500)
        {
            _enrichmentsUsed = Math.Max(0, _enrichmentsUsed - observation.Enrichments);
            _totalEnrichments -= observation.Enrichments;
        }
    }

    /// <summary>Takes the limits and spending <c>GET /usage</c> reported, plus what was granted since <paramref name="mark"/>.</summary>
    public void LearnUsage(UsageInfo usage, UpstreamBudgetMark mark, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(usage);
        Roll(now);

        var limits = usage.Limits;
        if (limits.RequestsPerMinute > 0 && limits.RequestsPerMinute != _learnedPerMinute)
        {
            _learnedPerMinute = limits.RequestsPerMinute;
            _learnedPerMinuteSource = UpstreamLimitSource.Usage;
        }

        if (limits.RequestsPerDay > 0)
        {
            _learnedPerDay = limits.RequestsPerDay;
        }

        _learnedEnrichmentsPerMonth = limits.EnrichmentsPerMonth;
        _enrichmentsPerMonthLearned = true;

        _dayStart = DayStart(now);
        _grantedToday = Math.Max(0, usage.RequestsToday + (int)(_totalGranted - mark.Granted));
        if (usage.PeriodEnd > usage.PeriodStart && usage.PeriodEnd > now)
        {
            _periodStart = usage.PeriodStart;
            _periodEnd = usage.PeriodEnd;
        }

        _enrichmentsUsed = Math.Max(0, usage.Enrichments + (int)(_totalEnrichments - mark.Enrichments));

        // A quota warning of this period said at least this much was spent; an older reading cannot say less.
        if (_lastQuotaWarning is { } warning && warning.ReceivedAt >= _periodStart)
        {
            _enrichmentsUsed = Math.Max(_enrichmentsUsed, (int)Math.Clamp(warning.Usage, 0, int.MaxValue));
        }

        _usageLearnedAt = now;
    }

    /// <summary>
    /// A <c>quota.warning</c> from the upstream: at least <paramref name="usage"/> enrichments are spent
    /// this period, and <paramref name="limit"/> is the quota unless one was learned or configured.
    /// </summary>
    public void ObserveQuotaWarning(long usage, long limit, DateTimeOffset now)
    {
        Roll(now);
        _lastQuotaWarning = new UpstreamQuotaWarning { Usage = usage, Limit = limit, ReceivedAt = now };
        var used = (int)Math.Clamp(usage, 0, int.MaxValue);
        if (used > _enrichmentsUsed)
        {
            _totalEnrichments += used - _enrichmentsUsed;
            _enrichmentsUsed = used;
        }

        if (!_enrichmentsPerMonthLearned && limit > 0)
        {
            _learnedEnrichmentsPerMonth = (int)Math.Min(limit, int.MaxValue);
            _enrichmentsPerMonthLearned = true;
        }
    }

    /// <summary>A <c>key.rotated</c> from the upstream, shown to operators.</summary>
    public void ObserveKeyRotated(DateTimeOffset rotatedAt) => _keyRotatedAt = rotatedAt;

    public UpstreamBudgetSnapshot Snapshot(DateTimeOffset now)
    {
        Roll(now);
        var perMinute = RequestsPerMinute;
        var perDay = RequestsPerDay;
        var enrichments = EnrichmentsPerMonth;
        var nextSlot = NextSlot(now);
        var blocked = Blocked(nextSlot, now);

        return new UpstreamBudgetSnapshot
        {
            AsOf = now,
            Plan = Plan,
            RequestsPerMinute = perMinute.Limit,
            RequestsPerMinuteSource = perMinute.Source,
            RequestsPerDay = perDay.Limit,
            RequestsPerDaySource = perDay.Source,
            PaceInterval = PaceInterval,
            GrantedThisMinute = _grantsByMinute.GetValueOrDefault(RateWindowStart(now)),
            GrantedToday = _dayStart == DayStart(now) ? _grantedToday : 0,
            EnrichmentsUsed = _enrichmentsUsed,
            EnrichmentsPerMonth = enrichments.Limit,
            EnrichmentsPerMonthSource = enrichments.Source,
            EnrichmentPeriodEnd = _periodEnd,
            NextFreeSlot = nextSlot,
            BlockedUntil = blocked?.Until,
            BlockedReason = blocked?.Reason,
            QuotaExhausted = blocked?.QuotaExhausted ?? false,
            RateLimitedResponses = _rateLimitedResponses,
            QuotaExceededResponses = _quotaExceededResponses,
            UsageLearnedAt = _usageLearnedAt,
            LastQuotaWarning = _lastQuotaWarning,
            KeyRotatedAt = _keyRotatedAt,
        };
    }

    private TimeSpan Horizon(UpstreamCallPriority priority)
    {
        if (priority == UpstreamCallPriority.Background)
        {
            return _options.MaxBackgroundWait;
        }

        // On a slow plan one interval can be longer than the wait allowed: a lone read must still get through.
        var interval = PaceInterval;
        return interval > _options.MaxInteractiveWait ? interval : _options.MaxInteractiveWait;
    }

    /// <summary>
    /// Callers refused together are told to come back one pace interval apart, as if queued: told the
    /// same time, all but one would be refused again, over and over. The advice is only advice: a
    /// caller that comes back early is measured against the real slots like any other.
    /// </summary>
    private DateTimeOffset SpreadRetry(UpstreamCallPriority priority, DateTimeOffset earliest)
    {
        var previous = priority == UpstreamCallPriority.Background ? _lastBackgroundRetry : _lastInteractiveRetry;
        var retryAt = Max(earliest, previous + PaceInterval);
        if (priority == UpstreamCallPriority.Background)
        {
            _lastBackgroundRetry = retryAt;
        }
        else
        {
            _lastInteractiveRetry = retryAt;
        }

        return retryAt;
    }

    private DateTimeOffset NextSlot(DateTimeOffset now)
    {
        var slot = now;
        if (_lastSlot is { } last && last + PaceInterval > slot)
        {
            slot = last + PaceInterval;
        }

        return Max(slot, _pausedUntil);
    }

    private void Reserve(DateTimeOffset slot, int enrichments)
    {
        _lastSlot = slot;
        var day = DayStart(slot);
        if (day > _dayStart)
        {
            _dayStart = day;
            _grantedToday = 0;
        }

        _grantedToday++;
        _totalGranted++;
        var minute = RateWindowStart(slot);
        _grantsByMinute[minute] = _grantsByMinute.GetValueOrDefault(minute) + 1;

        _enrichmentsUsed += enrichments;
        _totalEnrichments += enrichments;
    }

    private UpstreamPermit? QuotaDenial(int enrichments, DateTimeOffset slot, DateTimeOffset now)
    {
        if (RequestQuotaBlock(slot, now) is { } requests)
        {
            return UpstreamPermit.Deny(requests.Until, now, requests.Reason, quotaExhausted: true);
        }

        if (enrichments > 0 && EnrichmentBlock(enrichments, now) is { } enrichment)
        {
            return UpstreamPermit.Deny(enrichment.Until, now, enrichment.Reason, quotaExhausted: true);
        }

        return null;
    }

    private Block? RequestQuotaBlock(DateTimeOffset slot, DateTimeOffset now)
    {
        if (_requestQuotaSpentUntil > now)
        {
            return new Block(_requestQuotaSpentUntil, $"The upstream answered 429 QUOTA_EXCEEDED: the key's requests are spent until {_requestQuotaSpentUntil:u}.", true);
        }

        if (RequestsPerDay.Limit is { } limit)
        {
            var day = DayStart(slot);
            var spent = day == _dayStart ? _grantedToday : 0;
            if (spent >= limit)
            {
                var reset = day.AddDays(1);
                return new Block(reset, $"The daily limit of {limit} requests is used up until {reset:u}.", true);
            }
        }

        return null;
    }

    private Block? EnrichmentBlock(int needed, DateTimeOffset now)
    {
        if (_enrichmentQuotaSpentUntil > now)
        {
            return new Block(_enrichmentQuotaSpentUntil, $"The upstream answered 429 QUOTA_EXCEEDED to an enrichment: enrichments are spent until {_enrichmentQuotaSpentUntil:u}.", true);
        }

        if (EnrichmentsPerMonth.Limit is { } quota && _enrichmentsUsed + needed > quota)
        {
            var left = Math.Max(0, quota - _enrichmentsUsed);
            return new Block(_periodEnd, $"{left} of the {quota} enrichments of this period remain and the call needs {needed}; the period ends {_periodEnd:u}.", true);
        }

        return null;
    }

    private Block? Blocked(DateTimeOffset nextSlot, DateTimeOffset now)
    {
        if (RequestQuotaBlock(Max(nextSlot, now), now) is { } requests)
        {
            return requests;
        }

        if (_pausedUntil > now)
        {
            return new Block(_pausedUntil, _pauseReason ?? "The upstream asked for a pause.", false);
        }

        if (EnrichmentBlock(1, now) is { } enrichments)
        {
            return enrichments with { Reason = "Enrichments wait: " + enrichments.Reason };
        }

        var horizon = Horizon(UpstreamCallPriority.Interactive);
        return nextSlot - now > horizon ? new Block(nextSlot - horizon, PaceReason(nextSlot), false) : null;
    }

    private string PaceReason(DateTimeOffset slot) =>
        slot == _pausedUntil && _pauseReason is not null
            ? _pauseReason
            : $"The pace of {RequestsPerMinute.Limit} requests a minute is booked until {slot:O}.";

    private void Pause(DateTimeOffset until, string reason)
    {
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
            _pauseReason = reason;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        if (now >= _periodEnd)
        {
            _periodStart = MonthStart(now);
            _periodEnd = _periodStart.AddMonths(1);
            _enrichmentsUsed = 0;
        }

        var day = DayStart(now);
        if (day > _dayStart)
        {
            _dayStart = day;
            _grantedToday = 0;
        }

        var oldest = RateWindowStart(now) - _options.RateWindow;
        while (_grantsByMinute.Count > 0 && _grantsByMinute.First().Key < oldest)
        {
            _grantsByMinute.Remove(_grantsByMinute.First().Key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private DateTimeOffset RateWindowStart(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % _options.RateWindow.Ticks, TimeSpan.Zero);

    private static DateTimeOffset DayStart(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset MonthStart(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Block(DateTimeOffset Until, string Reason, bool QuotaExhausted);
}

/// <summary>The budget's running totals at one moment (see <see cref="UpstreamBudgetLedger.Mark"/>).</summary>
internal readonly record struct UpstreamBudgetMark(long Granted, long Enrichments);

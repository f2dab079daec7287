using System.Globalization;
using Juicebox.Client.Models;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Upstream;

/// <summary>
/// The one owner of the upstream key's budget (see <see cref="UpstreamBudgetLedger"/> for the
/// accounting). Every method answers at once: callers wait for their slot themselves. The state is
/// in memory only; on activation the grain asks <c>GET /usage</c> and <c>GET /auth/me</c> again,
/// in the background, through the client with <see cref="UpstreamCallScope.Bypass"/> so that the
/// rate-limit handler does not call back into this grain.
/// </summary>
[KeepAlive]
public sealed partial class UpstreamBudgetGrain(
    IOptions<UpstreamBudgetOptions> options,
    [FromKeyedServices(JuiceboxServiceKeys.UpstreamClock)] TimeProvider clock,
    IJuiceboxClient juicebox,
    JuiceboxMetrics metrics,
    ILogger<UpstreamBudgetGrain> logger) : Grain, IUpstreamBudgetGrain
{
    /// <summary>How often the gauges get the budget's state when no call changes it (minutes and days roll over).</summary>
    private static readonly TimeSpan GaugeRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _deactivating = new();
    private UpstreamBudgetLedger _ledger = null!;
    private int? _lastRemaining;
    private DateTimeOffset? _lastWindowReset;

    // In memory, as the rest of the budget: a silo reports again whenever its circuit changes.
    private readonly Dictionary<string, UpstreamCircuitReport> _circuits = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new UpstreamBudgetLedger(options.Value, clock.GetUtcNow());
        PublishGauges();
        this.RegisterGrainTimer(() =>
        {
            PublishGauges();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(GaugeRefreshInterval, GaugeRefreshInterval) { Interleave = true });
        if (options.Value.LearnOnActivation)
        {
            // Not awaited: until the upstream answers, calls are paced to the configured or default limit.
            _ = LearnFromUpstreamAsync(_deactivating.Token);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Budget.Withdraw();
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    public Task<UpstreamPermit> AcquireAsync(UpstreamPermitRequest request) =>
        Task.FromResult(_ledger.Acquire(request, clock.GetUtcNow()));

    public Task ReportAsync(UpstreamObservation observation)
    {
        Observe(observation);
        return Task.CompletedTask;
    }

    public Task ObserveQuotaWarningAsync(long usage, long limit)
    {
        _ledger.ObserveQuotaWarning(usage, limit, clock.GetUtcNow());
        PublishGauges();
        LogQuotaWarning(usage, limit);

        return Task.CompletedTask;
    }

    public Task ObserveKeyRotatedAsync(DateTimeOffset rotatedAt)
    {
        _ledger.ObserveKeyRotated(rotatedAt);
        LogKeyRotated(rotatedAt);
        return Task.CompletedTask;
    }

    public Task<UpstreamBudgetSnapshot> GetSnapshotAsync() => Task.FromResult(_ledger.Snapshot(clock.GetUtcNow()) with
    {
        OpenCircuits = [.. _circuits.Values.Where(circuit => circuit.IsOpen).OrderBy(circuit => circuit.Silo, StringComparer.Ordinal)],
    });

    public Task ReportCircuitAsync(UpstreamCircuitReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_circuits.TryGetValue(report.Silo, out var known) || known.ReportedAt <= report.ReportedAt)
        {
            _circuits[report.Silo] = report;
        }

        return Task.CompletedTask;
    }

    private void Observe(UpstreamObservation observation)
    {
        var now = clock.GetUtcNow();
        var limitBefore = _ledger.RequestsPerMinute.Limit;
        _ledger.Observe(observation, now);
        if (observation.Remaining is { } remaining)
        {
            _lastRemaining = remaining;
            _lastWindowReset = observation.Reset;
        }

        PublishGauges();

        var limitAfter = _ledger.RequestsPerMinute.Limit;
        if (limitAfter != limitBefore)
        {
            LogPaceChanged(limitBefore, limitAfter, _ledger.PaceInterval.TotalMilliseconds);
        }

        if (observation.StatusCode == 429)
        {
            LogRefused(observation.ErrorCode ?? "(no code)", observation.RetryAfter?.TotalSeconds, observation.Enrichments);
        }
    }

    private async Task LearnFromUpstreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LearnUsageAsync(cancellationToken);
            await LearnPlanAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Deactivated while asking.
        }
        catch (Exception exception)
        {
            LogLearningCrashed(exception);
        }
    }

    private async Task LearnUsageAsync(CancellationToken cancellationToken)
    {
        await WaitForOwnSlotAsync(cancellationToken);
        var mark = _ledger.Mark;
        try
        {
            JuiceboxResponse<UsageInfo> response;
            using (UpstreamCallScope.Bypass())
            {
                response = await juicebox.GetUsageAsync(cancellationToken);
            }

            _ledger.LearnUsage(response.Value, mark, clock.GetUtcNow());
            PublishGauges();
            Observe(ObservationOf(200, null, response.RateLimit));
            var usage = response.Value;
            LogLearnedUsage(
                usage.Limits.RequestsPerMinute,
                usage.Limits.RequestsPerDay,
                usage.RequestsToday,
                usage.Enrichments,
                usage.Limits.EnrichmentsPerMonth?.ToString(CultureInfo.InvariantCulture) ?? "unlimited");
        }
        catch (JuiceboxException exception)
        {
            if (exception is JuiceboxApiException api)
            {
                Observe(ObservationOf((int)api.StatusCode, api.ErrorCode, api.RateLimit));
            }

            var (limit, source) = _ledger.RequestsPerMinute;
            LogUsageUnavailable(exception.GetType().Name, exception.Message, limit, source);
        }
    }

    private async Task LearnPlanAsync(CancellationToken cancellationToken)
    {
        await WaitForOwnSlotAsync(cancellationToken);
        try
        {
            JuiceboxResponse<AccountInfo> response;
            using (UpstreamCallScope.Bypass())
            {
                response = await juicebox.GetAccountAsync(cancellationToken);
            }

            _ledger.Plan = response.Value.Plan;
            Observe(ObservationOf(200, null, response.RateLimit));
        }
        catch (JuiceboxException exception)
        {
            if (exception is JuiceboxApiException api)
            {
                Observe(ObservationOf((int)api.StatusCode, api.ErrorCode, api.RateLimit));
            }

            LogPlanUnavailable(exception.GetType().Name, exception.Message);
        }
    }

    private void PublishGauges() => metrics.Budget.Publish(_ledger.Snapshot(clock.GetUtcNow()), _lastRemaining, _lastWindowReset);

    /// <summary>The budget's own calls count against the key like any other, so they take a slot too.</summary>
    private async Task WaitForOwnSlotAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var slot = _ledger.ReserveOwnCall(now);
        if (slot > now)
        {
            await Task.Delay(slot - now, clock, cancellationToken);
        }
    }

    private static UpstreamObservation ObservationOf(int status, string? errorCode, RateLimitInfo rateLimit) => new()
    {
        StatusCode = status,
        ErrorCode = errorCode,
        Limit = rateLimit.Limit,
        Remaining = rateLimit.Remaining,
        Reset = rateLimit.Reset,
        RetryAfter = rateLimit.RetryAfter,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream budget learned from GET /usage: {RequestsPerMinute} requests a minute, {RequestsPerDay} a day, {RequestsToday} spent today, {Enrichments} of {EnrichmentsPerMonth} enrichments spent this period")]
    private partial void LogLearnedUsage(int requestsPerMinute, int requestsPerDay, int requestsToday, int enrichments, string enrichmentsPerMonth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream budget could not read GET /usage ({ExceptionType}: {ExceptionMessage}); pacing to {RequestsPerMinute} requests a minute ({Source}) and learning from response headers")]
    private partial void LogUsageUnavailable(string exceptionType, string exceptionMessage, int requestsPerMinute, UpstreamLimitSource source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream budget could not read the plan from GET /auth/me ({ExceptionType}: {ExceptionMessage})")]
    private partial void LogPlanUnavailable(string exceptionType, string exceptionMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream pace changed from {OldLimit} to {NewLimit} requests a minute (one call every {IntervalMilliseconds:0.#} ms)")]
    private partial void LogPaceChanged(int oldLimit, int newLimit, double intervalMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream answered 429 {ErrorCode} (retry-after {RetryAfterSeconds} s, enrichments {Enrichments}); the budget backs off")]
    private partial void LogRefused(string errorCode, double? retryAfterSeconds, int enrichments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream warned that the quota is nearly spent: {Usage} of {Limit}")]
    private partial void LogQuotaWarning(long usage, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream says the Juicebox API key was rotated at {RotatedAt}; configure the new key (Juicebox:ApiKey) if calls start failing with AUTHENTICATION_FAILED")]
    private partial void LogKeyRotated(DateTimeOffset rotatedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Upstream budget crashed while learning the key's limits; it paces to the configured or default limit")]
    private partial void LogLearningCrashed(Exception exception);
}

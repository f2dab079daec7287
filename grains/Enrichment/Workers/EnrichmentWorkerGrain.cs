using Juicebox.Client.Models;
using Juicebox.Grains.Enrichment.Jobs;
using Juicebox.Grains.Persistence;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.Profiles;
using PostgresStreams;
using Juicebox.Grains.Telemetry;
using Juicebox.Grains.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Juicebox.Grains.Enrichment.Workers;

/// <summary>
/// Consumes one partition of the enrichment stream. Requests are held in memory and acknowledged
/// only once every profile they ask for is settled and recorded, so a crash loses nothing: the
/// queue redelivers what was not acknowledged. Profiles are enriched in batches of up to 100 as
/// fast as the cluster's upstream budget allows; a profile enriched within its freshness window is
/// skipped, and since a profile always maps to the same partition, this worker sees every request
/// for it and pays for it once.
/// </summary>
[ImplicitStreamSubscription(EnrichmentStream.Namespace)]
public sealed partial class EnrichmentWorkerGrain(
    IJuiceboxClient juicebox,
    IEnrichmentJobStore jobs,
    ProfileSuppression suppression,
    IOptions<EnrichmentOptions> options,
    IServiceProvider services,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    JuiceboxMetrics metrics,
    ILogger<EnrichmentWorkerGrain> logger)
    : Grain, IEnrichmentWorkerGrain, IStreamSubscriptionObserver, IAsyncObserver<EnrichmentRequest>
{
    private static readonly TimeSpan JobSweepInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxOutcomeRetryDelay = TimeSpan.FromSeconds(10);
    private readonly EnrichmentOptions _options = options.Value;
    private readonly IStreamMessageLeases? _leases = services.GetKeyedService<IStreamMessageLeases>(EnrichmentStream.ProviderName);
    private readonly EnrichmentLeaseSchedule _leaseSchedule = EnrichmentLeaseSchedule.For(services);
    private readonly EnrichmentBacklog _backlog = new();

    // A batch in flight is never cancelled by the timer's stop: its upstream call may already be paid
    // for. Only the deactivation's own deadline abandons it.
    private readonly CancellationTokenSource _abandonBatch = new();
    private Task _batchInFlight = Task.CompletedTask;
    private bool _deactivating;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _nextJobSweep;
    private string? _waitingReason;
    private int _consecutiveFailures;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(WorkAsync, new GrainTimerCreationOptions(_options.WorkerTick, _options.WorkerTick)
        {
            Interleave = true,
            KeepAlive = true,
        });

        // Its own timer, so the hold on queued requests is renewed while a batch waits on the upstream.
        if (_leases is not null)
        {
            this.RegisterGrainTimer(RenewLeasesAsync, new GrainTimerCreationOptions(_leaseSchedule.RenewEvery, _leaseSchedule.RenewEvery)
            {
                Interleave = true,
                KeepAlive = true,
            });
        }

        LogActivated(PartitionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// On a silo's stop (or any deactivation): takes no new batch, lets the one in flight finish and
    /// record its outcomes, then hands the requests it holds back to the queue, visible at once and
    /// without counting an attempt, instead of leaving them until their lease expires.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        metrics.Workers.Withdraw(PartitionId);
        using var abandon = cancellationToken.Register(_abandonBatch.Cancel);
        try
        {
            await _batchInFlight.WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The batch logged its own failure; what it held is handed back below all the same.
        }

        await HandBackAsync(cancellationToken);
        _abandonBatch.Dispose();
    }

    private async Task HandBackAsync(CancellationToken cancellationToken)
    {
        var receipts = _backlog.Receipts();
        if (_leases is null || receipts.Count == 0)
        {
            return;
        }

        try
        {
            var returned = await _leases.DeferAsync(receipts, clock.GetUtcNow(), cancellationToken);
            _backlog.DropLeased();
            LogHandedBack(PartitionId, returned, receipts.Count);
        }
        catch (Exception exception)
        {
            // They come back when their lease expires instead.
            LogHandBackFailed(exception, PartitionId, receipts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrichment partition {Partition} handed {Returned} of {Held} held requests back to the queue on deactivation")]
    private partial void LogHandedBack(long partition, int returned, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition} could not hand back its {Held} held requests; they return when their lease expires")]
    private partial void LogHandBackFailed(Exception exception, long partition, int held);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<EnrichmentRequest>().ResumeAsync(this);
    }

    public async Task OnNextAsync(EnrichmentRequest item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var receipt = (token as PostgresQueueSequenceToken)?.Receipt;
        if (receipt is not null && _backlog.TryRenew(receipt))
        {
            return;
        }

        if (receipt is not null && _leases is not null)
        {
            var now = clock.GetUtcNow();
            if (_waitingReason is not null && _pausedUntil > now)
            {
                // The quota is spent: back to the queue until it renews, like the work already held.
                await _leases.DeferAsync([receipt], _pausedUntil);
                return;
            }

            if (_backlog.ProfileCount >= _options.MaxHeldProfilesPerWorker)
            {
                await _leases.DeferAsync([receipt], now + _options.BacklogDeferral);
                return;
            }
        }

        _backlog.Add(item, receipt);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, PartitionId);
        return Task.CompletedTask;
    }

    public Task<EnrichmentWorkerBacklog> GetBacklogAsync() => Task.FromResult(new EnrichmentWorkerBacklog(
        _backlog.ProfileCount,
        _backlog.MessageCount,
        _pausedUntil > clock.GetUtcNow() ? _pausedUntil : null,
        _waitingReason));

    private long PartitionId => this.GetPrimaryKeyLong();

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        metrics.Workers.Report(PartitionId, _backlog.ProfileCount);
        await SweepFinishedJobsWhenDueAsync(cancellationToken);
        while (_backlog.HasWaiting && clock.GetUtcNow() >= _pausedUntil && !cancellationToken.IsCancellationRequested && !_deactivating)
        {
            var batch = _backlog.Take(EnrichmentRequest.MaxProfiles);
            try
            {
                _batchInFlight = ProcessBatchAsync(batch, _abandonBatch.Token);
                await _batchInFlight;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The job store or a grain failed: keep the work and try again after a pause.
                _backlog.Return(batch);
                _pausedUntil = clock.GetUtcNow() + _options.RetryBaseDelay;
                LogBatchCrashed(exception, PartitionId);
            }
        }
    }

    private async Task ProcessBatchAsync(IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        var settlement = new EnrichmentBacklog.Settlement();
        var wanted = await DropSuppressedAsync(batch, settlement);
        var stale = await SkipFreshAsync(wanted, settlement);
        var toEnrich = await StorePaidForAsync(stale, settlement);
        await SettleAsync(settlement, cancellationToken);
        if (toEnrich.Count == 0)
        {
            return;
        }

        var items = _backlog.ItemsOf(toEnrich).ToList();
        await jobs.MarkRunningAsync(items, clock.GetUtcNow(), cancellationToken);
        settlement = new EnrichmentBacklog.Settlement();
        try
        {
            var (enriched, notFound) = await EnrichAsync(toEnrich, cancellationToken);
            _consecutiveFailures = 0;
            _waitingReason = null;
            await StoreAsync(toEnrich, enriched, notFound, settlement);
        }
        catch (JuiceboxThrottledException throttled)
        {
            _backlog.Return(toEnrich);
            await jobs.ReturnToQueueAsync(items, cancellationToken);
            await WaitForBudgetAsync(throttled, cancellationToken);
        }
        catch (JuiceboxApiException rejected) when (rejected.ErrorCode == JuiceboxErrorCodes.InvalidRequest)
        {
            var now = clock.GetUtcNow();
            foreach (var profileId in toEnrich)
            {
                _backlog.Resolve(profileId, EnrichmentItemStatus.Failed, $"The upstream refused the request: {rejected.UpstreamMessage}", now, settlement);
            }
        }
        catch (JuiceboxException failure)
        {
            _backlog.Return(toEnrich);
            await jobs.ReturnToQueueAsync(items, cancellationToken);
            CountFailure(toEnrich, failure, settlement);
        }

        await SettleAsync(settlement, cancellationToken);
    }

    /// <summary>A request for a person erased since it was queued is dropped, never paid for.</summary>
    private async Task<IReadOnlyList<string>> DropSuppressedAsync(IReadOnlyList<string> batch, EnrichmentBacklog.Settlement settlement)
    {
        var suppressed = await suppression.FindSuppressedAsync(batch);
        if (suppressed.Count == 0)
        {
            return batch;
        }

        var now = clock.GetUtcNow();
        foreach (var profileId in suppressed)
        {
            _backlog.Resolve(profileId, EnrichmentItemStatus.Failed, EnrichmentJobRules.ErasedReason, now, settlement);
        }

        return [.. batch.Where(id => !suppressed.Contains(id))];
    }

    private async Task<List<string>> SkipFreshAsync(IReadOnlyList<string> batch, EnrichmentBacklog.Settlement settlement)
    {
        var enrichedAt = await Task.WhenAll(batch.Select(id => GrainFactory.GetProfileGrain(id).GetEnrichedAtAsync()));
        var now = clock.GetUtcNow();
        List<string> stale = [];
        for (var i = 0; i < batch.Count; i++)
        {
            if (enrichedAt[i] is { } at && now - at < _options.FreshFor)
            {
                _backlog.ResolveEnriched(batch[i], at, now, settlement);
            }
            else
            {
                stale.Add(batch[i]);
            }
        }

        return stale;
    }

    private async Task<(IReadOnlyList<EnrichedProfile> Enriched, IReadOnlyList<string> NotFound)> EnrichAsync(
        IReadOnlyList<string> profileIds, CancellationToken cancellationToken)
    {
        // Counted once the upstream answered: a call the budget refused was never made.
        using var scope = UpstreamCallScope.Background(profileIds.Count);
        if (profileIds.Count > 1)
        {
            var batch = await juicebox.EnrichBatchAsync(profileIds, cancellationToken);
            metrics.EnrichmentBatch(profileIds.Count);
            return (batch.Value.Profiles, batch.Value.NotFound);
        }

        try
        {
            var single = await juicebox.EnrichAsync(new EnrichRequest { ProfileId = profileIds[0] }, cancellationToken);
            metrics.EnrichmentBatch(1);
            return ([single.Value], []);
        }
        catch (JuiceboxNotFoundException)
        {
            metrics.EnrichmentBatch(1);
            return ([], profileIds);
        }
    }

    /// <summary>
    /// Stores the enrichments an earlier batch paid for but could not hand to their profile grains
    /// (say, while the silo that hosted them was dying) without paying for them again; returns the
    /// profiles that still need an upstream call.
    /// </summary>
    private async Task<IReadOnlyList<string>> StorePaidForAsync(IReadOnlyList<string> profileIds, EnrichmentBacklog.Settlement settlement)
    {
        var paidFor = profileIds
            .Select(id => (Id: id, Enrichment: _backlog.PaidFor(id)))
            .Where(profile => profile.Enrichment is not null)
            .ToList();
        if (paidFor.Count == 0)
        {
            return profileIds;
        }

        var stored = await Task.WhenAll(paidFor.Select(profile => TryApplyAsync(profile.Id, profile.Enrichment!)));
        var now = clock.GetUtcNow();
        List<string> retry = [];
        for (var i = 0; i < paidFor.Count; i++)
        {
            if (stored[i])
            {
                _backlog.Resolve(paidFor[i].Id, EnrichmentItemStatus.Done, null, now, settlement);
            }
            else
            {
                retry.Add(paidFor[i].Id);
            }
        }

        if (retry.Count > 0)
        {
            _backlog.Return(retry);
            _pausedUntil = now + _options.RetryBaseDelay;
        }

        var handled = paidFor.Select(profile => profile.Id).ToHashSet(StringComparer.Ordinal);
        return [.. profileIds.Where(id => !handled.Contains(id))];
    }

    /// <summary>
    /// Hands each paid-for enrichment to its profile grain. A profile whose grain cannot take it
    /// stays held with its enrichment, which a later batch stores without paying again.
    /// </summary>
    private async Task StoreAsync(
        IReadOnlyList<string> requested,
        IReadOnlyList<EnrichedProfile> enriched,
        IReadOnlyList<string> notFound,
        EnrichmentBacklog.Settlement settlement)
    {
        var enrichments = enriched.Select(profile => profile.ToEnrichedProfileData()).ToList();
        var stored = await Task.WhenAll(enrichments.Select(enrichment => TryApplyAsync(enrichment.Id, enrichment)));
        var now = clock.GetUtcNow();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        List<string> retry = [];
        for (var i = 0; i < enriched.Count; i++)
        {
            answered.Add(enriched[i].Id);
            if (stored[i])
            {
                _backlog.Resolve(enriched[i].Id, EnrichmentItemStatus.Done, null, now, settlement);
            }
            else
            {
                _backlog.KeepPaidFor(enriched[i].Id, enrichments[i]);
                retry.Add(enriched[i].Id);
            }
        }

        foreach (var profileId in notFound)
        {
            answered.Add(profileId);
            _backlog.Resolve(profileId, EnrichmentItemStatus.Failed, "The upstream does not know this profile.", now, settlement);
        }

        foreach (var profileId in requested.Where(id => !answered.Contains(id)))
        {
            _backlog.Resolve(profileId, EnrichmentItemStatus.Failed, "The upstream left this profile out of its answer.", now, settlement);
        }

        _backlog.Return(retry);
    }

    private async Task<bool> TryApplyAsync(string profileId, ProfileData enrichment)
    {
        try
        {
            await GrainFactory.GetProfileGrain(profileId).ApplyEnrichmentAsync(enrichment);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogApplyFailed(exception, profileId);
            return false;
        }
    }

    private async Task WaitForBudgetAsync(JuiceboxThrottledException throttled, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + (throttled.RetryAfter ?? _options.RetryBaseDelay);
        _pausedUntil = until;
        _waitingReason = throttled.QuotaExhausted ? throttled.Reason : null;
        if (!throttled.QuotaExhausted || _leases is null)
        {
            return;
        }

        // A spent quota can last hours: the requests go back to the queue until then, without
        // counting as attempts, instead of being held (and their leases renewed) all that time.
        var receipts = _backlog.Receipts();
        if (receipts.Count > 0)
        {
            await _leases.DeferAsync(receipts, until, cancellationToken);
            _backlog.DropLeased();
        }

        LogQuotaWait(PartitionId, throttled.Reason, until);
    }

    /// <summary>RetryBaseDelay doubled for each failure after the first, at most <paramref name="max"/>.</summary>
    private TimeSpan Backoff(int failures, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(failures - 1, 20))));

    private void CountFailure(IReadOnlyList<string> profileIds, JuiceboxException failure, EnrichmentBacklog.Settlement settlement)
    {
        _consecutiveFailures++;
        var backoff = Backoff(_consecutiveFailures, _options.MaxRetryDelay);
        var wait = failure.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
        _pausedUntil = clock.GetUtcNow() + wait;
        var code = failure is JuiceboxApiException api ? api.ErrorCode : failure.GetType().Name;
        LogUpstreamFailed(PartitionId, profileIds.Count, code, wait);

        var now = clock.GetUtcNow();
        foreach (var message in _backlog.MessagesOf(profileIds))
        {
            if (EnrichmentAttemptRule.Counts(message, failure, now, _options.OutageGrace) && ++message.Failures >= _options.MaxAttempts)
            {
                _backlog.GiveUp(message, $"Gave up after {message.Failures} failed upstream attempts; the last was {code}.", now, settlement);
            }
        }
    }

    /// <summary>
    /// Records outcomes before acknowledging: a crash in between redelivers requests whose outcomes
    /// are already recorded, which the freshness check then skips without paying.
    /// </summary>
    private async Task SettleAsync(EnrichmentBacklog.Settlement settlement, CancellationToken cancellationToken)
    {
        if (settlement.IsEmpty)
        {
            return;
        }

        if (settlement.Outcomes.Count > 0)
        {
            await RecordUntilStoredAsync(settlement.Outcomes, cancellationToken);
            CountOutcomes(settlement.Outcomes);
        }

        if (_leases is null)
        {
            return;
        }

        var completed = ReceiptsOf(settlement.Completed);
        if (completed.Count > 0)
        {
            await _leases.AcknowledgeAsync(completed, cancellationToken);
        }

        var givenUp = ReceiptsOf(settlement.GivenUp);
        if (givenUp.Count > 0)
        {
            await _leases.DeadLetterAsync(givenUp, "Enrichment retries exhausted.", cancellationToken);
        }
    }

    /// <summary>
    /// Settled profiles have left the backlog, so these outcomes exist nowhere else: while the database is
    /// away they are retried, not dropped. Dropped, their items would stay Running for good once their
    /// message is acknowledged for its other profiles. Deactivation gives up; the messages then come back whole.
    /// </summary>
    private async Task RecordUntilStoredAsync(IReadOnlyList<EnrichmentItemOutcome> outcomes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await jobs.RecordOutcomesAsync(outcomes, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !_deactivating && StorageFailures.IsUnavailable(exception))
            {
                LogOutcomesNotStored(PartitionId, outcomes.Count, attempt, exception.GetType().Name);
                await Task.Delay(Backoff(attempt, MaxOutcomeRetryDelay), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition} could not store {Count} outcomes (attempt {Attempt}, {ExceptionType}); it tries again")]
    private partial void LogOutcomesNotStored(long partition, int count, int attempt, string exceptionType);

    private void CountOutcomes(IReadOnlyList<EnrichmentItemOutcome> outcomes)
    {
        metrics.EnrichmentItems("done", outcomes.Count(outcome => outcome.Status == EnrichmentItemStatus.Done));
        metrics.EnrichmentItems("skipped", outcomes.Count(outcome => outcome.Status == EnrichmentItemStatus.Skipped));
        metrics.EnrichmentItems("failed", outcomes.Count(outcome => outcome.Status == EnrichmentItemStatus.Failed));
    }

    private static List<PostgresQueueReceipt> ReceiptsOf(IEnumerable<EnrichmentBacklog.HeldMessage> messages) =>
        [.. messages.Where(message => message.Receipt is not null).Select(message => message.Receipt!)];

    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var receipts = _backlog.Receipts();
        if (_leases is null || receipts.Count == 0)
        {
            return;
        }

        try
        {
            await _leases.ExtendAsync(receipts, _leaseSchedule.LeaseFor, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A lapsed lease only means the request is delivered again, which the worker recognises.
            LogLeaseRenewalFailed(exception, PartitionId, receipts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition} could not renew its hold on {Count} requests")]
    private partial void LogLeaseRenewalFailed(Exception exception, long partition, int count);

    /// <summary>Every worker sweeps hourly; the deletes are idempotent, so overlapping sweeps cost little.</summary>
    private async Task SweepFinishedJobsWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextJobSweep)
        {
            return;
        }

        _nextJobSweep = now + JobSweepInterval;
        try
        {
            var deleted = await jobs.DeleteFinishedJobsAsync(now - _options.JobRetention, cancellationToken);
            if (deleted > 0)
            {
                LogJobsSwept(PartitionId, deleted);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogJobSweepFailed(exception, PartitionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrichment partition {Partition} deleted {Count} finished jobs past their retention")]
    private partial void LogJobsSwept(long partition, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition} could not delete finished jobs; it tries again in an hour")]
    private partial void LogJobSweepFailed(Exception exception, long partition);

    // Says which silo works which partition, e.g. after a failover moved them.
    [LoggerMessage(Level = LogLevel.Information, Message = "Enrichment partition {Partition}: worker activated on this silo")]
    private partial void LogActivated(long partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition}: an upstream call for {Count} profiles failed with {ErrorCode}; retrying in {Wait}")]
    private partial void LogUpstreamFailed(long partition, int count, string errorCode, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment partition {Partition} waits until {Until}: {Reason}")]
    private partial void LogQuotaWait(long partition, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Error, Message = "Profile {ProfileId} could not store its enrichment; it is kept and stored later")]
    private partial void LogApplyFailed(Exception exception, string profileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrichment partition {Partition}: a batch failed outside the upstream call; it is kept and retried")]
    private partial void LogBatchCrashed(Exception exception, long partition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrichment partition {Partition}: the stream reported an error")]
    private partial void LogStreamError(Exception exception, long partition);
}

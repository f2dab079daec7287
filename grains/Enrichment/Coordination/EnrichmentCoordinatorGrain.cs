using Juicebox.Grains.Enrichment.Jobs;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>
/// Takes enrichment jobs in and answers their progress. Stateless: a job is stored, then its
/// requests are put on the partitions' streams; both are durable before the caller hears 202.
/// </summary>
[StatelessWorker]
public sealed partial class EnrichmentCoordinatorGrain(
    IEnrichmentJobStore jobs,
    ProfileSuppression suppression,
    IOptions<EnrichmentOptions> options,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    ILogger<EnrichmentCoordinatorGrain> logger) : Grain, IEnrichmentCoordinatorGrain
{
    private readonly EnrichmentOptions _options = options.Value;

    public Task<EnrichmentJobAccepted> SubmitAsync(IReadOnlyList<string> profileIds) => SubmitJobAsync(profileIds, owner: null);

    public Task<EnrichmentJobAccepted> SubmitAsync(IReadOnlyList<string> profileIds, string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return SubmitJobAsync(profileIds, owner);
    }

    private async Task<EnrichmentJobAccepted> SubmitJobAsync(IReadOnlyList<string> profileIds, string? owner)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        if (profileIds.Count > _options.MaxJobSize)
        {
            throw new ArgumentException($"A job takes at most {_options.MaxJobSize} profile ids; this one has {profileIds.Count}.", nameof(profileIds));
        }

        var (accepted, rejected) = EnrichmentJobIds.Sort(profileIds);
        var suppressed = await StorageFailures.GuardAsync(() => suppression.FindSuppressedAsync(accepted), "the job was not accepted");
        if (suppressed.Count > 0)
        {
            rejected.AddRange(accepted.Where(suppressed.Contains).Select(id => new RejectedProfileId(id, EnrichmentJobIds.ErasedReason)));
            accepted.RemoveAll(suppressed.Contains);
        }

        if (accepted.Count == 0)
        {
            throw new ArgumentException("The job has no valid profile id.", nameof(profileIds));
        }

        var job = new EnrichmentJobDraft(Guid.NewGuid(), clock.GetUtcNow(), accepted, rejected.Count, owner);

        // Stored and queued, or refused: a job answered 202 is durable. One refused half-way may stay
        // stored with nothing queued; its id never reached the caller, who submits it again.
        await StorageFailures.GuardAsync(async () =>
        {
            await jobs.CreateJobAsync(job);
            await EnqueueAsync(job);
            return true;
        }, "the job was not accepted");
        LogJobAccepted(job.JobId, accepted.Count, rejected.Count);
        return new EnrichmentJobAccepted { JobId = job.JobId, Accepted = accepted.Count, Rejected = rejected, CreatedAt = job.CreatedAt };
    }

    public async Task<EnrichmentJobProgress?> GetProgressAsync(Guid jobId)
    {
        var counts = await StorageFailures.GuardAsync(() => jobs.GetJobAsync(jobId), "the job's progress could not be read");
        if (counts is null)
        {
            return null;
        }

        var waitingReason = counts.Queued > 0 ? await EnrichmentBudgetStatus.WaitingReasonAsync(GrainFactory, _options.Partitions) : null;
        return EnrichmentProgressEstimate.From(counts, clock.GetUtcNow(), waitingReason);
    }

    public Task<IReadOnlyList<EnrichmentItemState>> GetFailuresAsync(Guid jobId, string? afterProfileId, int limit) =>
        StorageFailures.GuardAsync(() => jobs.GetFailedItemsAsync(jobId, afterProfileId, limit), "the job's failures could not be read");

    public Task<IReadOnlyList<EnrichmentItemState>> GetSettledAsync(Guid jobId, string? afterProfileId, int limit) =>
        StorageFailures.GuardAsync(() => jobs.GetSettledItemsAsync(jobId, afterProfileId, limit), "the job's results could not be read");

    public Task<EnrichmentItemState?> GetProfileStatusAsync(string profileId) =>
        StorageFailures.GuardAsync(() => jobs.GetLatestForProfileAsync(profileId), "the profile's enrichment status could not be read");

    /// <summary>One message per partition and hundred profiles, so a worker can enrich a message with one batch call.</summary>
    private Task EnqueueAsync(EnrichmentJobDraft job)
    {
        var provider = this.GetStreamProvider(EnrichmentStream.ProviderName);
        var partitions = job.ProfileIds.GroupBy(id => EnrichmentStream.PartitionOf(id, _options.Partitions));
        return Task.WhenAll(partitions.Select(async partition =>
        {
            var stream = provider.GetStream<EnrichmentRequest>(EnrichmentStream.ForPartition(partition.Key));
            foreach (var chunk in partition.Chunk(EnrichmentRequest.MaxProfiles))
            {
                await stream.OnNextAsync(new EnrichmentRequest { JobId = job.JobId, ProfileIds = chunk, RequestedAt = job.CreatedAt });
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrichment job {JobId} accepted: {Accepted} profiles queued, {Rejected} ids rejected")]
    private partial void LogJobAccepted(Guid jobId, int accepted, int rejected);
}

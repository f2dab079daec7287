namespace Juicebox.Grains.Enrichment.Jobs;

/// <summary>
/// Where enrichment jobs and the state of each of their profiles live: PostgreSQL in Cluster mode,
/// memory in Embedded mode. Every write is idempotent, because the queue delivers at least once.
/// </summary>
public interface IEnrichmentJobStore
{
    /// <summary>
    /// Stores the job with every profile Queued; storing the same job id again changes nothing. A job
    /// without profiles is finished when created. Throws <see cref="ArgumentException"/> when a profile
    /// id is invalid or repeated.
    /// </summary>
    Task CreateJobAsync(EnrichmentJobDraft job, CancellationToken cancellationToken = default);

    /// <summary>Queued items become Running, with <c>StartedAt</c> = <paramref name="at"/>; items in any other status are left alone.</summary>
    Task MarkRunningAsync(IReadOnlyCollection<EnrichmentItemKey> items, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Running items go back to Queued (the call failed and will be retried); others are left alone.</summary>
    Task ReturnToQueueAsync(IReadOnlyCollection<EnrichmentItemKey> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how items ended. Done is final; Skipped and Failed may later become Done (a retried
    /// dead letter); Skipped never overwrites Failed or Done. When no item of a job is left Queued or
    /// Running, the job's <c>FinishedAt</c> is set. Unknown items are ignored.
    /// </summary>
    /// <remarks>
    /// Only Done replaces an outcome: recording Failed or Skipped again keeps the first reason and
    /// time. <c>Reason</c> is kept for Failed only. Outcomes for the same item within one call act as
    /// if recorded in turn. <c>FinishedAt</c> is set once, to the latest <c>FinishedAt</c> of the
    /// job's items. Throws <see cref="ArgumentException"/> for an outcome that is not Done, Skipped
    /// or Failed. Times are stored in UTC to the microsecond.
    /// </remarks>
    Task RecordOutcomesAsync(IReadOnlyCollection<EnrichmentItemOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>The job's counts, or null when no such job exists.</summary>
    Task<EnrichmentJobCounts?> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The job's Failed items ordered by profile id, after <paramref name="afterProfileId"/> (keyset paging).</summary>
    Task<IReadOnlyList<EnrichmentItemState>> GetFailedItemsAsync(Guid jobId, string? afterProfileId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The job's settled items (Done, Skipped or Failed) ordered by profile id, after
    /// <paramref name="afterProfileId"/> (keyset paging): what an export of the job's results reads, a page at a time.
    /// </summary>
    Task<IReadOnlyList<EnrichmentItemState>> GetSettledItemsAsync(Guid jobId, string? afterProfileId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The most recently requested item for the profile across all jobs, or null.</summary>
    Task<EnrichmentItemState?> GetLatestForProfileAsync(string profileId, CancellationToken cancellationToken = default);

    /// <summary>Deletes finished jobs (and their items) that finished before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteFinishedJobsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erasure: every item of the profile, in any job, is renamed to <paramref name="pseudonym"/> (so no
    /// job names the person any more), and those still Queued or Running end Failed with reason
    /// <see cref="EnrichmentJobRules.ErasedReason"/> at <paramref name="at"/>; jobs left with nothing to do
    /// are finished. Outcomes recorded later for the old id are ignored. Returns how many items were renamed.
    /// </summary>
    Task<int> EraseProfileAsync(string profileId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default);
}

namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>
/// Where enrichment work enters the cluster and where its progress is read. A stateless worker:
/// jobs live in the job store and requests on the enrichment stream, so any activation serves any call.
/// </summary>
[Alias("Juicebox.IEnrichmentCoordinatorGrain")]
public interface IEnrichmentCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates the ids, stores the job and puts its requests on the enrichment stream; returns once
    /// both are durable. Invalid and repeated ids are reported, not fatal; a job with no valid id is an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    [Alias("SubmitAsync")]
    Task<EnrichmentJobAccepted> SubmitAsync(IReadOnlyList<string> profileIds);

    /// <summary>
    /// As <see cref="SubmitAsync(IReadOnlyList{string})"/>, for the API client named <paramref name="owner"/>:
    /// only that client (and operators) may then read the job (<see cref="EnrichmentJobProgress.Owner"/>).
    /// </summary>
    [Alias("SubmitForOwnerAsync")]
    Task<EnrichmentJobAccepted> SubmitAsync(IReadOnlyList<string> profileIds, string owner);

    /// <summary>The job's progress, or null when it does not exist.</summary>
    [Alias("GetProgressAsync")]
    Task<EnrichmentJobProgress?> GetProgressAsync(Guid jobId);

    /// <summary>The job's failed items ordered by profile id, after <paramref name="afterProfileId"/>.</summary>
    [Alias("GetFailuresAsync")]
    Task<IReadOnlyList<EnrichmentItemState>> GetFailuresAsync(Guid jobId, string? afterProfileId, int limit);

    /// <summary>The job's settled items (Done, Skipped, Failed) ordered by profile id, after <paramref name="afterProfileId"/>.</summary>
    [Alias("GetSettledAsync")]
    Task<IReadOnlyList<EnrichmentItemState>> GetSettledAsync(Guid jobId, string? afterProfileId, int limit);

    /// <summary>The latest enrichment requested for the profile, or null when none was.</summary>
    [Alias("GetProfileStatusAsync")]
    Task<EnrichmentItemState?> GetProfileStatusAsync(string profileId);
}

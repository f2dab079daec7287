namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>
/// Consumes one partition of the enrichment stream (the grain key is the partition) and enriches
/// its profiles through the upstream, batching them. Activated by the stream; callers never need it.
/// </summary>
[Alias("Juicebox.IEnrichmentWorkerGrain")]
public interface IEnrichmentWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>How much work the worker holds right now.</summary>
    [Alias("GetBacklogAsync")]
    Task<EnrichmentWorkerBacklog> GetBacklogAsync();
}

/// <summary>What one enrichment worker holds.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentWorkerBacklog")]
public sealed record class EnrichmentWorkerBacklog(
    [property: Id(0)] int PendingProfiles,
    [property: Id(1)] int HeldMessages,
    [property: Id(2)] DateTimeOffset? PausedUntil,
    [property: Id(3)] string? WaitingReason);

namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>Where one profile of one enrichment job stands.</summary>
[GenerateSerializer, Alias("Juicebox.EnrichmentItemStatus")]
public enum EnrichmentItemStatus
{
    /// <summary>Waiting in the queue (also while the upstream budget makes it wait).</summary>
    Queued = 0,

    /// <summary>In an upstream call right now.</summary>
    Running = 1,

    /// <summary>Enriched: the contact block is in the profile.</summary>
    Done = 2,

    /// <summary>Not paid for: the profile was enriched before the job asked, and is still within its freshness window.</summary>
    Skipped = 3,

    /// <summary>Given up, with a reason: unknown profile, a permanent upstream error, or retries exhausted.</summary>
    Failed = 4,
}

namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>One profile of one enrichment job, with the times it moved.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentItemState")]
public sealed record class EnrichmentItemState
{
    [Id(0)] public required Guid JobId { get; init; }
    [Id(1)] public required string ProfileId { get; init; }
    [Id(2)] public required EnrichmentItemStatus Status { get; init; }

    /// <summary>Why the item failed; null otherwise.</summary>
    [Id(3)] public string? Reason { get; init; }

    [Id(4)] public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When an upstream call for it last started.</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached Done, Skipped or Failed.</summary>
    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }
}

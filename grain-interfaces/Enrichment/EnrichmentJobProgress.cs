using System.Text.Json.Serialization;

namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>How far an enrichment job has come.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentJobProgress")]
public sealed record class EnrichmentJobProgress
{
    [Id(0)] public required Guid JobId { get; init; }
    [Id(1)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Accepted profiles.</summary>
    [Id(2)] public required int Total { get; init; }

    [Id(3)] public required int Done { get; init; }
    [Id(4)] public required int Failed { get; init; }

    /// <summary>Not paid for: enriched before the job asked, and still within the freshness window.</summary>
    [Id(5)] public required int Skipped { get; init; }

    /// <summary>Queued or in an upstream call right now.</summary>
    [Id(6)] public required int Pending { get; init; }

    /// <summary>Of <see cref="Pending"/>, those in an upstream call right now.</summary>
    [Id(7)] public required int Running { get; init; }

    /// <summary>Ids of the request that were invalid or repeated.</summary>
    [Id(8)] public required int Rejected { get; init; }

    /// <summary>Set when nothing is pending any more.</summary>
    [Id(9)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the rest should be done, at the pace seen so far; null until there is a pace.</summary>
    [Id(10)] public DateTimeOffset? EstimatedCompletion { get; init; }

    /// <summary>Why pending work is waiting (the upstream budget is spent), when it is.</summary>
    [Id(11)] public string? WaitingReason { get; init; }

    /// <summary>The API client that submitted the job; null for a job submitted without one (by the cluster itself or an older client-api), which any client may read.</summary>
    [Id(12), JsonIgnore] public string? Owner { get; init; }

    public bool IsFinished => FinishedAt is not null;
}

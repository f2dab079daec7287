namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>A profile id a job did not take, and why (invalid, or a duplicate within the request).</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.RejectedProfileId")]
public sealed record class RejectedProfileId([property: Id(0)] string Id, [property: Id(1)] string Reason);

/// <summary>The answer to a job submission: the job is durably queued once this is returned.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentJobAccepted")]
public sealed record class EnrichmentJobAccepted
{
    [Id(0)] public required Guid JobId { get; init; }

    /// <summary>Distinct valid profile ids queued.</summary>
    [Id(1)] public required int Accepted { get; init; }

    [Id(2)] public required IReadOnlyList<RejectedProfileId> Rejected { get; init; }

    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
}

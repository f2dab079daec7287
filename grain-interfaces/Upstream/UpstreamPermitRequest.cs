namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>A request for room in the budget for one upstream call (one attempt).</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamPermitRequest")]
public sealed record class UpstreamPermitRequest
{
    [Id(0)] public UpstreamCallPriority Priority { get; init; }

    /// <summary>The enrichments the call may spend (the ids of an enrich batch); 0 for reads and searches.</summary>
    [Id(1)] public int Enrichments { get; init; }
}

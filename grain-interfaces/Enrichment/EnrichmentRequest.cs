namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>
/// The event on the enrichment stream: enrich these profiles (at most <see cref="MaxProfiles"/>,
/// all of one partition) for <see cref="JobId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentRequest")]
public sealed record class EnrichmentRequest
{
    /// <summary>As many as one upstream batch call takes.</summary>
    public const int MaxProfiles = 100;

    [Id(0)] public required Guid JobId { get; init; }
    [Id(1)] public required IReadOnlyList<string> ProfileIds { get; init; }
    [Id(2)] public required DateTimeOffset RequestedAt { get; init; }
}

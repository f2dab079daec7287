namespace Juicebox.Sandbox.Stats;

/// <summary>
/// The body of <c>GET /_sandbox/stats</c>: calls by <c>"METHOD /template"</c>, answers by status,
/// and the enrichments charged.
/// </summary>
public sealed record SandboxStatsSnapshot(
    IReadOnlyDictionary<string, long> Calls,
    IReadOnlyDictionary<string, long> Statuses,
    EnrichmentStats Enrichments);

/// <summary>Enrichments charged in total, and how many distinct profiles they covered.</summary>
public sealed record EnrichmentStats(long Charged, long DistinctProfiles);

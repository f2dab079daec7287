using System.Text.Json.Serialization;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The body of <c>POST /api/v1/search</c>: the upstream's search body, plus <see cref="AutoEnrich"/>,
/// how many of the page's first results to enrich in the background (0..limit).
/// </summary>
public sealed record SearchApiRequest
{
    public string? Query { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
    public SearchApiFilters? Filters { get; init; }
    public int? AutoEnrich { get; init; }
}

/// <summary>Search filters: case-insensitive contains, and skills a profile must all have.</summary>
public sealed record SearchApiFilters
{
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string?>? Skills { get; init; }
}

/// <summary>
/// One page of results: the upstream's page (pass <see cref="NextCursor"/> back as <c>cursor</c>, with
/// the same query, for the next; null on the last page), when the cluster fetched it and until when it
/// serves it, and the enrichment job <c>autoEnrich</c> started.
/// </summary>
public sealed record SearchApiResponse(
    string SearchId,
    IReadOnlyList<ProfileSummaryData> Profiles,
    int Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    DateTimeOffset CachedAt,
    DateTimeOffset FreshUntil,
    SearchEnrichmentJob? Enrichment);

/// <summary>The enrichment job of a search's first results; follow it at <see cref="StatusUrl"/>.</summary>
public sealed record SearchEnrichmentJob(Guid JobId, int Accepted, string StatusUrl);

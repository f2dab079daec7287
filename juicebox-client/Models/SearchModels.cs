namespace Juicebox.Client.Models;

/// <summary>The body of <c>POST /search</c>.</summary>
public sealed record SearchRequest
{
    public required string Query { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
    public SearchFilters? Filters { get; init; }
}

/// <summary>Optional search filters: case-insensitive contains, and skills that must all match.</summary>
public sealed record SearchFilters
{
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string>? Skills { get; init; }
}

/// <summary>One page of search results; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record SearchResponse
{
    public required string SearchId { get; init; }
    public IReadOnlyList<ProfileSummary> Profiles { get; init; } = [];
    public int Total { get; init; }
    public string? NextCursor { get; init; }
}

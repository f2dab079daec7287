using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Search;

/// <summary>The body of <c>POST /search</c>.</summary>
public sealed record SearchRequest
{
    public string? Query { get; init; }

    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    public SearchFilters? Filters { get; init; }
}

/// <summary>Optional filters: case-insensitive contains, and skills a profile must all have.</summary>
public sealed record SearchFilters
{
    public string? Title { get; init; }

    public string? Company { get; init; }

    public string? Location { get; init; }

    public IReadOnlyList<string>? Skills { get; init; }
}

/// <summary>One page of results; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record SearchResponse(string SearchId, IReadOnlyList<ProfileSummary> Profiles, int Total, string? NextCursor);

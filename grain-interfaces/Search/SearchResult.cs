using Juicebox.GrainInterfaces.Profiles;

namespace Juicebox.GrainInterfaces.Search;

/// <summary>Whether a search found its page.</summary>
[GenerateSerializer, Alias("Juicebox.SearchOutcome")]
public enum SearchOutcome
{
    /// <summary>The page is in <see cref="SearchResult.Page"/>.</summary>
    Found = 0,

    /// <summary>The upstream refused or failed the search; see <see cref="SearchResult.Error"/>.</summary>
    Failed = 1,
}

/// <summary>One page of results, as the upstream answered it.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.SearchPage")]
public sealed record class SearchPage
{
    [Id(0)] public required string SearchId { get; init; }
    [Id(1)] public IReadOnlyList<ProfileSummaryData> Profiles { get; init; } = [];
    [Id(2)] public int Total { get; init; }

    /// <summary>The cursor of the next page, or null on the last page.</summary>
    [Id(3)] public string? NextCursor { get; init; }
}

/// <summary>The answer of <see cref="ISearchGrain.SearchAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.SearchResult")]
public sealed record class SearchResult
{
    [Id(0)] public required SearchOutcome Outcome { get; init; }
    [Id(1)] public SearchPage? Page { get; init; }

    /// <summary><see cref="CacheStatus.Miss"/> when this call asked the upstream, otherwise <see cref="CacheStatus.Hit"/>.</summary>
    [Id(2)] public CacheStatus Cache { get; init; }

    /// <summary>When the page was fetched from the upstream.</summary>
    [Id(3)] public DateTimeOffset? CachedAt { get; init; }

    /// <summary>When the page stops being served from the cluster.</summary>
    [Id(4)] public DateTimeOffset? FreshUntil { get; init; }

    [Id(5)] public UpstreamError? Error { get; init; }

    /// <summary>For an <c>INVALID_QUERY</c> error: the 0-based offset the upstream reported.</summary>
    [Id(6)] public int? ErrorPosition { get; init; }
}

namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// One canonical search, keyed by <see cref="SearchKey"/>: the cluster's cache entry for one page of
/// results. Not reentrant, so identical searches arriving together make one upstream call.
/// </summary>
[Alias("Juicebox.ISearchGrain")]
public interface ISearchGrain : IGrainWithStringKey
{
    /// <summary>
    /// The page, from memory while it is fresh, otherwise from <c>POST /search</c>; a page fetched
    /// upstream then warms the profile grains of its results in the background.
    /// </summary>
    [Alias("SearchAsync")]
    Task<SearchResult> SearchAsync(SearchQuery query);

    /// <summary>How far warming the profile grains with the latest page has come.</summary>
    [Alias("GetWarmupAsync")]
    Task<SearchWarmup> GetWarmupAsync();
}

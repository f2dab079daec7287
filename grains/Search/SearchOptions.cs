namespace Juicebox.Grains.Search;

/// <summary>How long search pages stay cached and how results warm profiles; bound from the <c>Search</c> section.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>How long a page is answered from the cluster before the upstream is asked again.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After a search fails upstream, how long the same search is answered with that failure instead of
    /// asking again (longer when the upstream's <c>retry-after</c> says so).
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a page fetched upstream also fetches its results' full profiles in the background
    /// (one <c>POST /profiles/batch</c>), so that the detail reads that follow are hits.
    /// </summary>
    public bool PrefetchProfiles { get; set; } = true;
}

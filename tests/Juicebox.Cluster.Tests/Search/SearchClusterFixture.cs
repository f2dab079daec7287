using Juicebox.Cluster.Tests.Clusters;
using Juicebox.GrainInterfaces.Search;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.Cluster.Tests.Search;

/// <summary>
/// A one-silo cluster whose profile grains persist to their own database on the assembly's private
/// PostgreSQL server, against an in-process sandbox of 5,000 profiles. The grains' freshness clock
/// (search pages and profiles) is fake, so tests move time instead of waiting; the upstream budget
/// keeps the real clock.
/// </summary>
public sealed class SearchClusterFixture(PostgresFixture postgres) : ClusterFixture(postgres, Spec)
{
    public const string SearchCall = "POST /search";
    public const string BatchCall = "POST /profiles/batch";
    public const string ProfileCall = "GET /profiles/{id}";

    public static readonly TimeSpan SearchTimeToLive = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan SearchRetryInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ProfileTimeToLive = TimeSpan.FromHours(1);

    /// <inheritdoc cref="ClusterSpec.UnpacedKey"/>
    public static readonly SandboxKeyOptions UnpacedKey = ClusterSpec.UnpacedKey;

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static ClusterSpec Spec => ClusterSpec.CachingGrains(profileCount: 5_000, new Dictionary<string, string?>
    {
        ["ProfileCache:TimeToLive"] = ProfileTimeToLive.ToString(),
        ["Search:TimeToLive"] = SearchTimeToLive.ToString(),
        ["Search:RetryInterval"] = SearchRetryInterval.ToString(),
    });

    /// <summary>Normalizes <paramref name="input"/> as client-api does and asks its search grain.</summary>
    public Task<SearchResult> SearchAsync(SearchInput input)
    {
        var query = Normalize(input);
        return Grains.GetSearchGrain(query).SearchAsync(query);
    }

    public static SearchQuery Normalize(SearchInput input)
    {
        Assert.True(SearchRequests.TryNormalize(input, out var query, out var error), $"The search should be valid: {error}");
        return query;
    }

    /// <summary>Waits until the search grain of <paramref name="input"/> has warmed the profiles of its latest page.</summary>
    public async Task<SearchWarmup> WaitForWarmupAsync(SearchInput input)
    {
        var grain = Grains.GetSearchGrain(Normalize(input));
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var warmup = await grain.GetWarmupAsync();
            if (warmup.IsComplete)
            {
                return warmup;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for the warming of '{input.Query}'; last: {warmup}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SearchClusterCollection : ICollectionFixture<SearchClusterFixture>
{
    public const string Name = "Search cluster";
}

using Juicebox.GrainInterfaces.Search;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Cluster.Tests.Search;

[Collection(SearchClusterCollection.Name)]
public sealed class SearchGrainTests(SearchClusterFixture fixture) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.Upstream.ClearFaultsAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task RepeatedSearch_IsServedFromTheCluster_WithoutAnotherUpstreamCall()
    {
        var input = new SearchInput { Query = "title:engineer AND location:london", Limit = 5 };
        var before = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);

        var first = await fixture.SearchAsync(input);
        var second = await fixture.SearchAsync(input);

        Assert.Equal((SearchOutcome.Found, CacheStatus.Miss), (first.Outcome, first.Cache));
        Assert.Equal((SearchOutcome.Found, CacheStatus.Hit), (second.Outcome, second.Cache));
        Assert.NotEmpty(first.Page!.Profiles);
        Assert.Equal(first.Page.Profiles.Select(p => p.Id), second.Page!.Profiles.Select(p => p.Id));
        Assert.Equal(first.CachedAt, second.CachedAt);
        Assert.Equal(first.CachedAt + SearchClusterFixture.SearchTimeToLive, second.FreshUntil);
        Assert.Equal(before + 1, await fixture.CountCallsAsync(SearchClusterFixture.SearchCall));
    }

    [Fact]
    public async Task ConcurrentEquivalentSearches_CoalesceIntoOneUpstreamCall()
    {
        SearchInput[] forms =
        [
            new() { Query = "title:designer OR skills:(figma OR sketch)", Title = "Designer", Skills = ["Figma"] },
            new() { Query = "  Title:Designer   OR Skills:(FIGMA OR sketch) ", Title = " designer ", Skills = ["figma", "Figma"], Limit = 20 },
            new() { Query = "title:DESIGNER OR skills:( figma OR Sketch )", Title = "DESIGNER", Skills = ["FIGMA "] },
        ];
        var before = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => fixture.SearchAsync(forms[i % forms.Length])));

        Assert.All(results, result => Assert.Equal(SearchOutcome.Found, result.Outcome));
        Assert.NotEmpty(results[0].Page!.Profiles);
        Assert.Single(results, result => result.Cache == CacheStatus.Miss);
        Assert.Single(results.Select(result => result.Page!.SearchId).Distinct());
        Assert.Equal(before + 1, await fixture.CountCallsAsync(SearchClusterFixture.SearchCall));
    }

    [Fact]
    public async Task Page_IsFetchedAgain_OnceItsTimeToLiveHasPassed()
    {
        var input = new SearchInput { Query = "title:manager AND location:tokyo", Limit = 3 };
        var before = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);

        var fetched = await fixture.SearchAsync(input);
        fixture.Clock.Advance(SearchClusterFixture.SearchTimeToLive - TimeSpan.FromSeconds(1));
        var stillFresh = await fixture.SearchAsync(input);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await fixture.SearchAsync(input);
        var refreshed = await fixture.SearchAsync(input);

        Assert.Equal(CacheStatus.Miss, fetched.Cache);
        Assert.Equal(CacheStatus.Hit, stillFresh.Cache);
        Assert.Equal(CacheStatus.Miss, expired.Cache);
        Assert.True(expired.CachedAt > fetched.CachedAt);
        Assert.Equal(CacheStatus.Hit, refreshed.Cache);
        Assert.Equal(before + 2, await fixture.CountCallsAsync(SearchClusterFixture.SearchCall));
    }

    [Fact]
    public async Task FollowingNextCursor_WalksToTheLastPage_AndTheWalkIsCachedToo()
    {
        const string query = "name:nakamura";
        var before = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);

        var firstWalk = await WalkAsync(query, limit: 10);
        var afterFirstWalk = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);
        var secondWalk = await WalkAsync("Name:NAKAMURA", limit: 10);

        var total = firstWalk[0].Page!.Total;
        var ids = firstWalk.SelectMany(result => result.Page!.Profiles.Select(p => p.Id)).ToList();
        Assert.True(firstWalk.Count >= 3, $"'{query}' should span several pages of 10; it has {total} results.");
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Null(firstWalk[^1].Page!.NextCursor);
        Assert.All(firstWalk, result => Assert.Equal(CacheStatus.Miss, result.Cache));
        Assert.Equal(before + firstWalk.Count, afterFirstWalk);
        Assert.All(secondWalk, result => Assert.Equal(CacheStatus.Hit, result.Cache));
        Assert.Equal(ids, secondWalk.SelectMany(result => result.Page!.Profiles.Select(p => p.Id)));
        Assert.Equal(afterFirstWalk, await fixture.CountCallsAsync(SearchClusterFixture.SearchCall));
    }

    [Fact]
    public async Task UpstreamFailure_IsAnsweredFromMemoryUntilTheRetryInterval_ThenAskedAgain()
    {
        var input = new SearchInput { Query = "title:recruiter AND location:paris", Limit = 4 };
        await fixture.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, TestContext.Current.CancellationToken);
        var before = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);

        var failed = await fixture.SearchAsync(input);
        var remembered = await fixture.SearchAsync(input);
        var afterTwo = await fixture.CountCallsAsync(SearchClusterFixture.SearchCall);
        await fixture.Upstream.ClearFaultsAsync(TestContext.Current.CancellationToken);
        fixture.Clock.Advance(SearchClusterFixture.SearchRetryInterval + TimeSpan.FromSeconds(1));
        var recovered = await fixture.SearchAsync(input);

        Assert.Equal(SearchOutcome.Failed, failed.Outcome);
        Assert.True(failed.Error!.IsTransient);
        Assert.Null(failed.Page);
        Assert.Equal((SearchOutcome.Failed, failed.Error.Code), (remembered.Outcome, remembered.Error!.Code));
        Assert.True(remembered.Error.RetryAfter <= SearchClusterFixture.SearchRetryInterval);
        Assert.Equal(before + 1, afterTwo);
        Assert.Equal((SearchOutcome.Found, CacheStatus.Miss), (recovered.Outcome, recovered.Cache));
    }

    [Fact]
    public async Task MalformedQueryThatReachesTheUpstream_FailsWithItsPosition()
    {
        // client-api never sends this (its validator refuses it); the grain reports the upstream's verdict anyway.
        var query = new SearchQuery { Text = "title:(staff OR principal", Limit = 5 };

        var result = await fixture.Grains.GetSearchGrain(query).SearchAsync(query);

        Assert.Equal(SearchOutcome.Failed, result.Outcome);
        Assert.Equal("INVALID_QUERY", result.Error!.Code);
        Assert.False(result.Error.IsTransient);
        Assert.Equal(6, result.ErrorPosition);
        Assert.Equal(6, SearchQuerySyntax.Validate(query.Text)?.Position);
    }

    [Fact]
    public async Task SearchAskedOfAnotherSearchsGrain_IsRefused()
    {
        var query = SearchClusterFixture.Normalize(new SearchInput { Query = "engineer" });
        var other = SearchClusterFixture.Normalize(new SearchInput { Query = "designer" });

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetSearchGrain(other).SearchAsync(query));
    }

    private async Task<List<SearchResult>> WalkAsync(string query, int limit)
    {
        var pages = new List<SearchResult>();
        string? cursor = null;
        do
        {
            var page = await fixture.SearchAsync(new SearchInput { Query = query, Limit = limit, Cursor = cursor });
            Assert.Equal(SearchOutcome.Found, page.Outcome);
            pages.Add(page);
            cursor = page.Page!.NextCursor;
            Assert.True(pages.Count <= 20, "The walk should reach a last page whose nextCursor is null.");
        }
        while (cursor is not null);

        return pages;
    }
}

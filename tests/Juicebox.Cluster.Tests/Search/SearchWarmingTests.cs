using Juicebox.GrainInterfaces.Search;

namespace Juicebox.Cluster.Tests.Search;

[Collection(SearchClusterCollection.Name)]
public sealed class SearchWarmingTests(SearchClusterFixture fixture)
{
    [Fact]
    public async Task DetailReadAfterASearch_IsAHitWithTheFullProfile()
    {
        var input = new SearchInput { Query = "title:\"vp of engineering\"", Limit = 5 };
        var readsBefore = await fixture.CountCallsAsync(SearchClusterFixture.ProfileCall);
        var batchesBefore = await fixture.CountCallsAsync(SearchClusterFixture.BatchCall);

        var result = await fixture.SearchAsync(input);
        var warmup = await fixture.WaitForWarmupAsync(input);
        var ids = result.Page!.Profiles.Select(p => p.Id).ToList();
        var reads = await Task.WhenAll(ids.Select(id => fixture.Grains.GetProfileGrain(id).GetAsync()));

        Assert.Equal(5, ids.Count);
        Assert.True(warmup.SummariesStored > 0, $"the page's empty profile grains should get its summaries; warmup: {warmup}");
        Assert.True(warmup.FullProfilesStored >= warmup.SummariesStored, $"every summary stored should be replaced by its full profile; warmup: {warmup}");
        Assert.All(reads, read =>
        {
            Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Hit, ProfileSource.Memory), (read.Outcome, read.Cache, read.Source));
            Assert.False(string.IsNullOrEmpty(read.Profile!.Headline), "the read should carry the full profile, not the summary");
            Assert.NotEmpty(read.Profile.Experience);
            Assert.NotNull(read.Profile.UpdatedAt);
        });
        Assert.Equal(result.Page.Profiles.Select(p => p.Name), reads.Select(read => read.Profile!.Name));
        Assert.Equal(readsBefore, await fixture.CountCallsAsync(SearchClusterFixture.ProfileCall));
        Assert.True(await fixture.CountCallsAsync(SearchClusterFixture.BatchCall) > batchesBefore, "the full profiles should come from POST /profiles/batch");
    }

    [Fact]
    public async Task FreshEnrichedProfile_IsOverwrittenNeitherByASummaryNorByAPrefetch()
    {
        var first = new SearchInput { Query = "company:\"halcyon software\"", Limit = 2 };
        var firstPage = (await fixture.SearchAsync(first)).Page!;
        await fixture.WaitForWarmupAsync(first);
        var id = firstPage.Profiles[0].Id;
        var grain = fixture.Grains.GetProfileGrain(id);
        var held = (await grain.GetAsync()).Profile!;
        await grain.ApplyEnrichmentAsync(held with
        {
            Title = "Title from the enrichment",
            Contact = new ContactData { Email = "someone@example.test" },
            EnrichedAt = fixture.Clock.GetUtcNow(),
        });

        var wider = new SearchInput { Query = "company:\"halcyon software\"", Limit = 3 };
        var widerResult = await fixture.SearchAsync(wider);
        var warmup = await fixture.WaitForWarmupAsync(wider);
        var read = await grain.GetAsync();

        Assert.Equal(CacheStatus.Miss, widerResult.Cache);
        Assert.Contains(id, widerResult.Page!.Profiles.Select(p => p.Id));
        Assert.True(warmup.IsComplete);
        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Hit), (read.Outcome, read.Cache));
        Assert.Equal("Title from the enrichment", read.Profile!.Title);
        Assert.Equal("someone@example.test", read.Profile.Contact?.Email);
    }

    [Fact]
    public async Task StaleEnrichedProfile_IsPrimedWithTheUpstreamCopy_AndKeepsItsContact()
    {
        var first = new SearchInput { Query = "title:\"staff ui designer\" AND company:birch", Limit = 1 };
        var id = (await fixture.SearchAsync(first)).Page!.Profiles[0].Id;
        await fixture.WaitForWarmupAsync(first);
        var grain = fixture.Grains.GetProfileGrain(id);
        var upstreamTitle = (await grain.GetAsync()).Profile!.Title;
        await grain.ApplyEnrichmentAsync((await grain.GetAsync()).Profile! with
        {
            Title = "Title from the enrichment",
            Contact = new ContactData { Email = "someone@example.test" },
            EnrichedAt = fixture.Clock.GetUtcNow(),
        });

        fixture.Clock.Advance(SearchClusterFixture.ProfileTimeToLive + TimeSpan.FromMinutes(1));
        var again = new SearchInput { Query = "title:\"staff ui designer\" AND company:birch", Limit = 2 };
        await fixture.SearchAsync(again);
        var warmup = await fixture.WaitForWarmupAsync(again);
        var read = await grain.GetAsync();

        Assert.True(warmup.FullProfilesStored >= 1, $"the stale profile should be primed; warmup: {warmup}");
        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Hit), (read.Outcome, read.Cache));
        Assert.Equal(upstreamTitle, read.Profile!.Title);
        Assert.Equal("someone@example.test", read.Profile.Contact?.Email);
        Assert.NotNull(read.Profile.EnrichedAt);
    }

    [Fact]
    public async Task SummaryOnlyProfile_IsNeverServed_TheReadFetchesTheFullProfile()
    {
        var input = new SearchInput { Query = "skills:kafka AND title:staff", Limit = 1 };
        var summary = (await fixture.SearchAsync(input)).Page!.Profiles[0];
        await fixture.WaitForWarmupAsync(input);
        var id = fixture.Sandbox.GetProfileId(4_321);
        var grain = fixture.Grains.GetProfileGrain(id);
        var before = await fixture.CountCallsAsync(SearchClusterFixture.ProfileCall);

        var stored = await grain.WarmAsync(summary with { Id = id, Name = "Summary Only" });
        var again = await grain.WarmAsync(summary with { Id = id, Name = "Another Summary" });
        var read = await grain.GetAsync();
        var afterRead = await grain.WarmAsync(summary with { Id = id });

        Assert.Equal(ProfileWarming.SummaryStored, stored);
        Assert.Equal(ProfileWarming.NeedsProfile, again);
        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Miss, ProfileSource.Upstream), (read.Outcome, read.Cache, read.Source));
        Assert.NotEqual("Summary Only", read.Profile!.Name);
        Assert.False(string.IsNullOrEmpty(read.Profile.Headline));
        Assert.Equal(before + 1, await fixture.CountCallsAsync(SearchClusterFixture.ProfileCall));
        Assert.Equal(ProfileWarming.Fresh, afterRead);
    }

    [Fact]
    public async Task Warming_NeverReplacesAHeldProfile()
    {
        var id = fixture.Sandbox.GetProfileId(4_322);
        var grain = fixture.Grains.GetProfileGrain(id);
        var fetched = await grain.GetAsync();

        var warming = await grain.WarmAsync(new ProfileSummaryData { Id = id, Name = "Someone Else", Title = "Another Title" });
        var primed = await grain.PrimeAsync(fetched.Profile! with { Name = "Someone Else" });
        var read = await grain.GetAsync();

        Assert.Equal(ProfileWarming.Fresh, warming);
        Assert.False(primed, "a fresh held copy should not be replaced by a primed one");
        Assert.Equal(CacheStatus.Hit, read.Cache);
        Assert.Equal(fetched.Profile!.Name, read.Profile!.Name);
        Assert.Equal(fetched.ContentHash, read.ContentHash);
    }
}

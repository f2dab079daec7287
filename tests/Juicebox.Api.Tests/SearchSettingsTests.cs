using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.GrainInterfaces.Profiles;
using Juicebox.GrainInterfaces.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests;

/// <summary>client-api started with non-default <c>Search:*</c> settings, each test on its own host.</summary>
public sealed class SearchSettingsTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvalidSearchSettings_StopStartUp_NamingTheSettingAndItsVariable()
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync("Search:TimeToLive=00:00:00");

        Assert.NotNull(failure);
        Assert.Contains("Search:TimeToLive", failure.ToString());
        Assert.Contains("Search__TimeToLive", failure.ToString());
    }

    [Fact]
    public async Task WithoutPrefetch_ResultsWarmOnlySummaries_AndTheDetailReadFetchesTheProfile()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("Search:PrefetchProfiles", "false");
        using var client = factory.CreateAuthorizedClient();
        using var upstream = new SandboxControl(factory.Sandbox.RootAddress);
        var search = new { query = "title:\"staff ui designer\"", limit = 3 };

        using var response = await client.PostAsJsonAsync("/api/v1/search", search, Cancellation);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var warmup = await WaitForWarmupAsync(factory, new SearchInput { Query = search.query, Limit = search.limit });
        var id = page.GetProperty("profiles")[0].GetProperty("id").GetString()!;
        using var detail = await client.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        var profile = await detail.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new SearchWarmup { IsComplete = true, SummariesStored = 3 }, warmup);
        Assert.Equal(0, await upstream.CountCallsAsync("POST /profiles/batch", Cancellation));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal("miss", Assert.Single(detail.Headers.GetValues("X-Cache")));
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("headline").GetString()), "the read should serve the full profile, not the summary");
    }

    private static async Task<SearchWarmup> WaitForWarmupAsync(EmbeddedApiFactory factory, SearchInput input)
    {
        Assert.True(SearchRequests.TryNormalize(input, out var query, out _));
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetSearchGrain(query);
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var warmup = await grain.GetWarmupAsync();
            if (warmup.IsComplete)
            {
                return warmup;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for the search's warming; last: {warmup}.");
            await Task.Delay(20, Cancellation);
        }
    }
}

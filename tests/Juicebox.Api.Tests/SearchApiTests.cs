using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Juicebox.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class SearchApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private const string SearchCall = "POST /search";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _client = factory.CreateAuthorizedClient();
    private readonly SandboxControl _upstream = new(factory.Sandbox.RootAddress);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _upstream.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Search_IsAMissAndThenAHit_WithThePageAndItsCacheTimes()
    {
        var before = await _upstream.CountCallsAsync(SearchCall, Cancellation);

        using var miss = await _client.PostAsJsonAsync("/api/v1/search", new { query = "title:engineer AND location:berlin", limit = 4 }, Cancellation);
        using var hit = await _client.PostAsJsonAsync("/api/v1/search", new { query = "Title:ENGINEER  AND location:Berlin", limit = 4 }, Cancellation);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (miss.StatusCode, hit.StatusCode));
        Assert.Equal("miss", Assert.Single(miss.Headers.GetValues("X-Cache")));
        Assert.Equal("hit", Assert.Single(hit.Headers.GetValues("X-Cache")));
        Assert.True(hit.Headers.CacheControl?.Private, "a page of people is private");
        var first = await miss.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var second = await hit.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(4, first.GetProperty("profiles").GetArrayLength());
        Assert.True(first.GetProperty("total").GetInt32() > 4);
        Assert.Equal(JsonValueKind.String, first.GetProperty("nextCursor").ValueKind);
        Assert.StartsWith("srch_", first.GetProperty("searchId").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(first.GetProperty("profiles")[0].GetProperty("name").GetString()));
        Assert.Equal(first.GetProperty("cachedAt").GetDateTimeOffset(), second.GetProperty("cachedAt").GetDateTimeOffset());
        Assert.True(second.GetProperty("freshUntil").GetDateTimeOffset() > second.GetProperty("cachedAt").GetDateTimeOffset());
        Assert.False(first.TryGetProperty("enrichment", out _));
        Assert.Equal(before + 1, await _upstream.CountCallsAsync(SearchCall, Cancellation));
    }

    [Fact]
    public async Task FollowingNextCursor_ThroughTheApi_ReachesTheLastPage_AndIsCached()
    {
        var firstWalk = await WalkAsync("name:nakamura", limit: 25);
        var before = await _upstream.CountCallsAsync(SearchCall, Cancellation);
        var secondWalk = await WalkAsync("NAME:Nakamura", limit: 25);

        var ids = firstWalk.SelectMany(page => page.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString())).ToList();
        Assert.True(firstWalk.Count >= 2, "the walk should span several pages");
        Assert.Equal(firstWalk[0].Body.GetProperty("total").GetInt32(), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, firstWalk[^1].Body.GetProperty("nextCursor").ValueKind);
        Assert.All(secondWalk, page => Assert.Equal("hit", page.Cache));
        Assert.Equal(before, await _upstream.CountCallsAsync(SearchCall, Cancellation));
    }

    [Fact]
    public async Task MalformedQuery_Is400WithItsPosition_AndSpendsNothingUpstream()
    {
        var before = await _upstream.CountCallsAsync(SearchCall, Cancellation);

        using var response = await _client.PostAsJsonAsync("/api/v1/search", new { query = "title:(staff OR" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("INVALID_QUERY", problem.GetProperty("code").GetString());
        Assert.Equal(15, problem.GetProperty("position").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(before, await _upstream.CountCallsAsync(SearchCall, Cancellation));
    }

    [Theory]
    [InlineData("{\"query\":\"engineer\",\"limit\":0}", "limit")]
    [InlineData("{\"query\":\"engineer\",\"limit\":101}", "limit")]
    [InlineData("{\"query\":\"\"}", "query")]
    [InlineData("{\"limit\":5}", "query")]
    [InlineData("{\"query\":\"engineer\",\"limit\":5,\"autoEnrich\":6}", "autoEnrich")]
    [InlineData("{\"query\":\"engineer\",\"autoEnrich\":-1}", "autoEnrich")]
    [InlineData("{\"query\":\"engineer\",\"filters\":{\"skills\":[\"go\",\"\"]}}", "filters.skills")]
    public async Task InvalidBody_Is400NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/search", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(("INVALID_REQUEST", field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Theory]
    [InlineData("{\"query\":\"engineer\",\"limit\":\"ten\"}", "$.limit")]
    // Numbers are JSON numbers, as the OpenAPI document says: a number in a string is not read.
    [InlineData("{\"query\":\"engineer\",\"limit\":\"3\"}", "$.limit")]
    [InlineData("{\"query\":\"engineer\",\"limit\":3,\"autoEnrich\":\"1\"}", "$.autoEnrich")]
    [InlineData("{\"query\":\"engineer\",\"filters\":\"go\"}", "$.filters")]
    [InlineData("{\"query\":", null)]
    public async Task MalformedBody_Is400SayingWhere(string body, string? path)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/search", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("INVALID_REQUEST", problem.GetProperty("code").GetString());
        if (path is not null)
        {
            Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_WithoutAnApiKey_Is401()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/v1/search", new { query = "engineer" }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AutoEnrich_StartsAJobForTheFirstResults_ThatCompletes()
    {
        using var response = await _client.PostAsJsonAsync(
            "/api/v1/search", new { query = "title:\"vp of engineering\"", limit = 5, autoEnrich = 2 }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(body.GetProperty("profiles").GetArrayLength() >= 2, $"the search should find at least 2 profiles: {body}");
        var enrichment = body.GetProperty("enrichment");
        Assert.Equal(2, enrichment.GetProperty("accepted").GetInt32());
        var statusUrl = enrichment.GetProperty("statusUrl").GetString()!;
        Assert.Equal($"/api/v1/enrichments/{enrichment.GetProperty("jobId").GetString()}", statusUrl);

        var job = await PollAsync(statusUrl, j => j.TryGetProperty("finishedAt", out _), "the autoEnrich job to finish");
        Assert.Equal(2, job.GetProperty("total").GetInt32());
        Assert.Equal(2, job.GetProperty("done").GetInt32() + job.GetProperty("skipped").GetInt32());
        var firstId = body.GetProperty("profiles")[0].GetProperty("id").GetString();
        var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{firstId}", Cancellation);
        Assert.True(profile.TryGetProperty("contact", out _), "the first result should now carry its contact block");
    }

    private async Task<List<(JsonElement Body, string Cache)>> WalkAsync(string query, int limit)
    {
        var pages = new List<(JsonElement Body, string Cache)>();
        string? cursor = null;
        do
        {
            using var response = await _client.PostAsJsonAsync("/api/v1/search", new { query, limit, cursor }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            pages.Add((body, Assert.Single(response.Headers.GetValues("X-Cache"))));
            cursor = body.GetProperty("nextCursor").GetString();
            Assert.True(pages.Count <= 20, "the walk should reach a page whose nextCursor is null");
        }
        while (cursor is not null);

        return pages;
    }

    private Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> done, string awaited) =>
        _client.PollJsonAsync(url, done, awaited, JobTimeout, Cancellation);
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Juicebox.Client.Tests;

/// <summary>Where requests go, what they carry, and what comes back with every answer.</summary>
public sealed class RequestShapeTests
{
    [Theory]
    [InlineData("/v1")]
    [InlineData("/v1/")]
    public async Task RelativePaths_ComposeUnderTheBaseUrlPath_WithOrWithoutTrailingSlash(string basePath)
    {
        await using var server = await StubServer.StartAsync(app =>
        {
            app.MapPost("/v1/search", () => Stub.Json(new { searchId = "s1", profiles = Array.Empty<object>(), total = 0, nextCursor = (string?)null }));
            app.MapGet("/v1/profiles/{id}", (string id) => Stub.Json(Stub.Profile(id)));
        });
        var root = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var harness = ClientHarness.Create(new Uri(root + basePath));

        await harness.Client.SearchAsync(new SearchRequest { Query = "engineer" }, TestContext.Current.CancellationToken);
        // The id is one escaped path segment, whatever it contains (Kestrel leaves %2F undecoded).
        await harness.Client.GetProfileAsync("a b/c", TestContext.Current.CancellationToken);

        Assert.Equal(["POST /v1/search", "GET /v1/profiles/a b%2Fc"], server.Requests.Select(request => request.Route));
    }

    [Fact]
    public async Task EveryCallButHealth_CarriesTheBearerKey()
    {
        await using var server = await StubServer.StartAsync(app =>
        {
            app.MapGet("/v1/health", () => Stub.Json(new { status = "ok" }));
            app.MapGet("/v1/auth/me", () => Stub.Json(new
            {
                accountId = "acc_1",
                plan = "pro",
                scopes = new[] { "search", "enrich" },
                limits = new { requestsPerMinute = 60, requestsPerDay = 5000, searchesPerMonth = 10000, enrichmentsPerMonth = 2000 },
            }));
        });
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var health = await harness.Client.GetHealthAsync(TestContext.Current.CancellationToken);
        var account = await harness.Client.GetAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ok", health.Value.Status);
        Assert.Equal("pro", account.Value.Plan);
        Assert.Equal(["search", "enrich"], account.Value.Scopes);
        Assert.Equal(2000, account.Value.Limits.EnrichmentsPerMonth);
        Assert.Null(server.Requests.Single(request => request.Path == "/v1/health").Authorization);
        Assert.Equal($"Bearer {ClientHarness.ApiKey}", server.Requests.Single(request => request.Path == "/v1/auth/me").Authorization);
    }

    [Fact]
    public async Task SuccessfulAnswer_ExposesItsRateLimitHeaders_AndIgnoresUnknownProperties()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/profiles/{id}", (string id) => Stub.Json(Stub.Profile(id), limit: 300, remaining: 299)));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var response = await harness.Client.GetProfileAsync("p42", TestContext.Current.CancellationToken);

        Assert.Equal(new RateLimitInfo(300, 299, Stub.Reset, null), response.RateLimit);
        Assert.Equal("p42", response.Value.Id);
        Assert.Equal("Builds things", response.Value.Headline);
        Assert.Equal("2020-01", response.Value.Experience.Single().StartDate);
        Assert.Null(response.Value.Experience.Single().EndDate);
        Assert.Equal(2019, response.Value.Education.Single().EndYear);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), response.Value.UpdatedAt);
    }

    [Fact]
    public async Task AnswerWithoutRateLimitHeaders_HasThemAllNull()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/health", () => Stub.Raw(200, """{"status":"ok"}""", "application/json")));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var response = await harness.Client.GetHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(RateLimitInfo.None, response.RateLimit);
    }

    [Fact]
    public async Task RequestBodies_AreCamelCaseJson_WithoutNulls()
    {
        await using var server = await StubServer.StartAsync(app =>
        {
            app.MapPost("/v1/search", () => Stub.Json(new { searchId = "s1", profiles = Array.Empty<object>(), total = 0, nextCursor = (string?)null }));
            app.MapPost("/v1/profiles/batch", () => Stub.Json(new { profiles = new[] { Stub.Profile("a") }, notFound = new[] { "zz" } }));
            app.MapPost("/v1/enrich", () => Stub.Json(Stub.Enriched("a")));
            app.MapPost("/v1/enrich/batch", () => Stub.Json(new { profiles = new[] { Stub.Enriched("a") }, notFound = Array.Empty<string>() }));
        });
        await using var harness = ClientHarness.Create(server.BaseAddress);
        var cancellationToken = TestContext.Current.CancellationToken;

        await harness.Client.SearchAsync(new SearchRequest { Query = "q", Limit = 5, Filters = new SearchFilters { Skills = ["go"] } }, cancellationToken);
        var batch = await harness.Client.GetProfilesAsync(["a", "zz"], cancellationToken);
        var enriched = await harness.Client.EnrichAsync(EnrichRequest.ForLinkedinUrl("https://www.linkedin.com/in/a"), cancellationToken);
        var enrichedBatch = await harness.Client.EnrichBatchAsync(["a"], cancellationToken);

        var bodies = server.Requests.ToDictionary(request => request.Route, request => JsonDocument.Parse(request.Body).RootElement.ToString());
        Assert.Equal("""{"query":"q","limit":5,"filters":{"skills":["go"]}}""", bodies["POST /v1/search"]);
        Assert.Equal("""{"ids":["a","zz"]}""", bodies["POST /v1/profiles/batch"]);
        Assert.Equal("""{"linkedinUrl":"https://www.linkedin.com/in/a"}""", bodies["POST /v1/enrich"]);
        Assert.Equal("""{"profileIds":["a"]}""", bodies["POST /v1/enrich/batch"]);
        Assert.Equal(["zz"], batch.Value.NotFound);
        Assert.Equal("a@example.com", enriched.Value.Contact.Email);
        Assert.Equal("a", enrichedBatch.Value.Profiles.Single().Id);
    }
}

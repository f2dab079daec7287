using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class ProfilesApiTests(EmbeddedApiFactory factory) : IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateAuthorizedClient();
    private readonly SandboxControl _upstream = new(factory.Sandbox.RootAddress);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _upstream.ClearFaultsAsync(TestContext.Current.CancellationToken);
        _upstream.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task GetProfile_ServesAMissThenAHit_WithTruthfulCacheHeaders()
    {
        var id = factory.NextProfileId();

        using var miss = await GetProfileAsync(id);
        using var hit = await GetProfileAsync(id);

        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Equal("miss", Header(miss, "X-Cache"));
        Assert.Equal("hit", Header(hit, "X-Cache"));
        Assert.Equal("memory", Header(hit, "X-Cache-Source"));
        Assert.Equal(miss.Headers.ETag, hit.Headers.ETag);
        Assert.NotNull(hit.Headers.ETag);
        Assert.True(hit.Headers.CacheControl!.Private);
        Assert.InRange(hit.Headers.CacheControl.MaxAge!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.NotNull(hit.Content.Headers.LastModified);

        var profile = await hit.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(id, profile.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("name").GetString()));
        Assert.False(profile.TryGetProperty("contact", out _));
    }

    [Fact]
    public async Task GetProfile_WithTheCurrentETag_IsNotModified()
    {
        var id = factory.NextProfileId();
        using var first = await GetProfileAsync(id);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{id}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("semi;colon")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678")]
    public async Task GetProfile_WithAnIdThatCannotBeAJuiceboxId_IsABadRequestProblem(string id)
    {
        using var response = await GetProfileAsync(id);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid profile id", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetProfile_OfAnUnknownId_IsANotFoundProblem()
    {
        using var response = await GetProfileAsync("jb_nosuchprofile0");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("jb_nosuchprofile0", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetProfile_WithNothingCachedAndTheUpstreamDown_IsServiceUnavailableWithRetryAfter()
    {
        var id = factory.NextProfileId();
        await _upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true, RetryAfterSeconds = 7 }, TestContext.Current.CancellationToken);

        using var response = await GetProfileAsync(id);

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("SERVICE_UNAVAILABLE", problem.GetProperty("upstreamCode").GetString());
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-configured-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task GetProfile_WithoutAValidKey_IsUnauthorized(string? authorization)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{factory.NextProfileId()}");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    private Task<HttpResponseMessage> GetProfileAsync(string id) =>
        _client.GetAsync($"/api/v1/profiles/{id}", TestContext.Current.CancellationToken);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("   at ", body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests;

/// <summary><c>GET /api/v1/profiles</c>: local queries over the profiles the cluster stored (Embedded mode: the in-memory index).</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ProfileQueryApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private const string ProfileCall = "GET /profiles/{id}";

    private readonly HttpClient _client = factory.CreateAuthorizedClient();
    private readonly SandboxControl _upstream = new(factory.Sandbox.RootAddress);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _upstream.Dispose();
        _client.Dispose();
    }

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "limit=0", "limit" },
        { "limit=201", "limit" },
        { "limit=-1", "limit" },
        { "limit=ten", "limit" },
        { "enriched=yes", "enriched" },
        { "updatedSince=yesterday", "updatedSince" },
        { "updatedSince=2025-13-01", "updatedSince" },
        { "updatedSince=2025-01-01T00:00:00+01:00", "updatedSince" },
        { "cursor=not-a-cursor", "cursor" },
        { "cursor=" + new string('A', 300), "cursor" },
        { "company=" + new string('x', 201), "company" },
        { "title=" + new string('x', 201), "title" },
        { string.Join('&', Enumerable.Range(0, 11).Select(i => $"skill=s{i}")), "skill" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task QueryProfiles_WithAnInvalidParameter_IsABadRequestProblemNamingIt(string queryString, string parameter)
    {
        using var response = await _client.GetAsync($"/api/v1/profiles?{queryString}", Cancel);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid profile query", problem.GetProperty("title").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task QueryProfiles_ListsTheStoredProfiles_PageByPage_FromTheTableAlone()
    {
        var ids = new[] { factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId() };
        var profiles = new List<JsonElement>();
        foreach (var id in ids)
        {
            using var read = await _client.GetAsync($"/api/v1/profiles/{id}", Cancel);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            profiles.Add(await read.Content.ReadFromJsonAsync<JsonElement>(Cancel));
        }

        var upstreamReads = await _upstream.CountCallsAsync(ProfileCall, Cancel);
        var (listed, pages) = await ReadAllAsync("limit=2");
        var company = profiles[0].GetProperty("company").GetString()!;
        var (byCompany, _) = await ReadAllAsync($"company={Uri.EscapeDataString(company.ToUpperInvariant())}&limit=200");
        var (byDates, _) = await ReadAllAsync("updatedSince=2000-01-01T00:00:00Z&enriched=false&limit=200");
        var (none, _) = await ReadAllAsync("updatedSince=2999-01-01");

        Assert.Equal(upstreamReads, await _upstream.CountCallsAsync(ProfileCall, Cancel));
        var listedIds = listed.Select(item => item.GetProperty("id").GetString()!).ToList();
        Assert.Superset(ids.ToHashSet(), listedIds.ToHashSet());
        Assert.Equal(listedIds.Order(StringComparer.Ordinal), listedIds);
        Assert.Equal(listedIds.Count, listedIds.Distinct().Count());
        Assert.True(pages >= 2, $"{listedIds.Count} profiles came in {pages} pages of 2.");
        Assert.All(listed, item =>
        {
            Assert.False(item.TryGetProperty("contact", out _));
            Assert.True(item.TryGetProperty("updatedAt", out _));
            Assert.False(string.IsNullOrEmpty(item.GetProperty("name").GetString()));
        });

        Assert.Contains(byCompany, item => item.GetProperty("id").GetString() == ids[0]);
        Assert.All(byCompany, item => Assert.Contains(company, item.GetProperty("company").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.Superset(ids.ToHashSet(), byDates.Select(item => item.GetProperty("id").GetString()!).ToHashSet());
        Assert.Empty(none);
    }

    [Fact]
    public async Task QueryProfiles_WithTheCursorOfOtherFilters_IsABadRequest()
    {
        foreach (var id in new[] { factory.NextProfileId(), factory.NextProfileId() })
        {
            using var read = await _client.GetAsync($"/api/v1/profiles/{id}", Cancel);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var first = await _client.GetAsync("/api/v1/profiles?limit=1", Cancel);
        var cursor = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("nextCursor").GetString()!;

        using var sameFilters = await _client.GetAsync($"/api/v1/profiles?limit=1&cursor={cursor}", Cancel);
        using var otherFilters = await _client.GetAsync($"/api/v1/profiles?limit=1&enriched=true&cursor={cursor}", Cancel);

        Assert.Equal(HttpStatusCode.OK, sameFilters.StatusCode);
        var problem = await AssertProblemAsync(otherFilters, HttpStatusCode.BadRequest);
        Assert.Contains("cursor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryProfiles_WithoutAKey_IsUnauthorized()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/profiles", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>Every page of a query, following nextCursor (which is null, not absent, on the last page).</summary>
    private async Task<(List<JsonElement> Items, int Pages)> ReadAllAsync(string queryString)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 1; pages <= 1_000; pages++)
        {
            var url = $"/api/v1/profiles?{queryString}" + (cursor is null ? "" : $"&cursor={cursor}");
            using var response = await _client.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.Clone()));
            var next = page.GetProperty("nextCursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                return (items, pages);
            }

            cursor = next.GetString();
        }

        Assert.Fail($"{queryString} did not end within 1,000 pages.");
        return (items, 0);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("   at ", body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

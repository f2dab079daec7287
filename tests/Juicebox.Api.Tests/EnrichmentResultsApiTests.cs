using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests;

/// <summary>GET /api/v1/enrichments/{jobId}/results: the export of a job's settled profiles.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class EnrichmentResultsApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Ndjson_HasEverySettledProfileInIdOrder_WithStatusAndTheContactBlockOfTheEnrichedOnes()
    {
        var known = Enumerable.Range(0, 3).Select(_ => factory.NextProfileId()).ToList();
        var jobId = await RunJobAsync([.. known, "unknown-export-1"]);

        using var response = await _client.GetAsync($"/api/v1/enrichments/{jobId}/results?format=ndjson", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("true", response.Headers.GetValues("X-Job-Finished").Single());
        var rows = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(known.Append("unknown-export-1").Order(StringComparer.Ordinal), rows.Select(row => row.GetProperty("profileId").GetString()));
        foreach (var row in rows)
        {
            var id = row.GetProperty("profileId").GetString()!;
            if (known.Contains(id))
            {
                Assert.Equal("done", row.GetProperty("status").GetString());
                var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Cancellation);
                Assert.Equal(profile.GetProperty("contact").GetProperty("email").GetString(), row.GetProperty("contact").GetProperty("email").GetString());
            }
            else
            {
                Assert.Equal("failed", row.GetProperty("status").GetString());
                Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("reason").GetString()));
                Assert.Equal(JsonValueKind.Null, row.GetProperty("contact").ValueKind);
            }
        }
    }

    [Fact]
    public async Task Csv_HasAHeaderAndOneQuotedRowPerProfile_AndResumesAfterAnId()
    {
        var known = Enumerable.Range(0, 4).Select(_ => factory.NextProfileId()).Order(StringComparer.Ordinal).ToList();
        var jobId = await RunJobAsync(known);

        var all = await CsvAsync($"/api/v1/enrichments/{jobId}/results?format=csv");
        var resumed = await CsvAsync($"/api/v1/enrichments/{jobId}/results?format=csv&after={known[1]}");
        var firstTwo = await CsvAsync($"/api/v1/enrichments/{jobId}/results?format=csv&limit=2");

        const string Header = "profileId,status,reason,finishedAt,email,personalEmail,phone";
        Assert.Equal(Header, all[0]);
        Assert.Equal(known, all.Skip(1).Select(line => line.Split(',')[0]));
        Assert.All(all.Skip(1), line => Assert.Equal("done", line.Split(',')[1]));
        Assert.All(all.Skip(1), line => Assert.Contains('@', line.Split(',')[4]));
        Assert.Equal([Header, .. all.Skip(3)], resumed);
        Assert.Equal(all.Take(3), firstTwo);
    }

    [Fact]
    public async Task Export_OfABigJob_IsWrittenInPagesWhileTheJobIsRead()
    {
        // More profiles than one page of the job store, all failing fast (unknown upstream), so that
        // the export must page through the store to return every row once.
        var ids = Enumerable.Range(0, 1_234).Select(i => $"unknown-big-{i:D5}").ToList();
        var jobId = await RunJobAsync(ids);

        var lines = await CsvAsync($"/api/v1/enrichments/{jobId}/results?format=csv");

        Assert.Equal(ids.Count + 1, lines.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), lines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.All(lines.Skip(1), line => Assert.Equal("failed", line.Split(',')[1]));
    }

    [Theory]
    [InlineData("format=xml", "invalid-export-format")]
    [InlineData("after=not%20an%20id", "invalid-export-position")]
    [InlineData("limit=0", "invalid-limit")]
    [InlineData("limit=50001", "invalid-limit")]
    public async Task BadParameters_AreA400Problem(string query, string problem)
    {
        var jobId = await RunJobAsync(["unknown-params-1"]);

        using var response = await _client.GetAsync($"/api/v1/enrichments/{jobId}/results?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.EndsWith(problem, body.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task UnknownJob_IsA404Problem_AndNoKeyIsA401()
    {
        using var unknown = await _client.GetAsync($"/api/v1/enrichments/{Guid.NewGuid()}/results", Cancellation);
        using var anonymous = await factory.CreateClient().GetAsync($"/api/v1/enrichments/{Guid.NewGuid()}/results", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public void ContactVisibility_OnlyContactReadSeesContactData_OthersAreToldItIsWithheld()
    {
        static Microsoft.AspNetCore.Http.DefaultHttpContext Caller(params string[] scopes) => new()
        {
            User = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "caller"), .. scopes.Select(scope => new Claim(ApiScopes.ClaimType, scope))], "test")),
        };

        var reader = Caller(ApiScopes.Search, ApiScopes.ContactRead);
        var other = Caller(ApiScopes.Search, ApiScopes.Enrich);

        Assert.True(ContactVisibility.MaySeeContact(reader));
        Assert.False(reader.Response.Headers.ContainsKey(ContactVisibility.HeaderName));
        Assert.False(ContactVisibility.MaySeeContact(other));
        Assert.Equal(ContactVisibility.Withheld, other.Response.Headers[ContactVisibility.HeaderName].ToString());
    }

    private async Task<List<string>> CsvAsync(string url)
    {
        using var response = await _client.GetAsync(url, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private async Task<Guid> RunJobAsync(IReadOnlyList<string> ids)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("jobId").GetGuid();
        await _client.PollJsonAsync($"/api/v1/enrichments/{jobId}", job => job.TryGetProperty("finishedAt", out _), $"job {jobId} finished", JobTimeout, Cancellation);
        return jobId;
    }
}

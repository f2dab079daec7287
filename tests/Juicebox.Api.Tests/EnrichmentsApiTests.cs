using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class EnrichmentsApiTests(EmbeddedApiFactory factory) : IDisposable
{
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
    public async Task EnrichProfile_IsAccepted_ThenDone_AndTheProfileCarriesItsContact()
    {
        var id = await NeverEnrichedProfileIdAsync();

        using var accepted = await _client.PostAsync($"/api/v1/profiles/{id}/enrich", content: null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/v1/profiles/{id}/enrichment", accepted.Headers.Location?.OriginalString);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("queued", body.GetProperty("status").GetString());

        var status = await PollAsync($"/api/v1/profiles/{id}/enrichment", s => s.GetProperty("status").GetString() == "done", $"profile {id} enriched");
        Assert.Equal(body.GetProperty("jobId").GetString(), status.GetProperty("jobId").GetString());
        Assert.True(status.TryGetProperty("finishedAt", out _));

        var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Cancellation);
        Assert.True(profile.GetProperty("contact").TryGetProperty("email", out _), "the enriched profile should carry its contact block");
    }

    [Fact]
    public async Task EnrichProfile_Twice_PaysOnce_AndTheSecondIsSkipped()
    {
        var id = await NeverEnrichedProfileIdAsync();
        var before = (await _upstream.GetStatsAsync(Cancellation)).Enrichments.Charged;

        using var first = await _client.PostAsync($"/api/v1/profiles/{id}/enrich", content: null, Cancellation);
        await PollAsync($"/api/v1/profiles/{id}/enrichment", s => s.GetProperty("status").GetString() == "done", $"profile {id} enriched");
        using var second = await _client.PostAsync($"/api/v1/profiles/{id}/enrich", content: null, Cancellation);
        var status = await PollAsync($"/api/v1/profiles/{id}/enrichment", s => s.GetProperty("status").GetString() == "skipped", $"second request for {id} skipped");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual((await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("jobId").GetString(), status.GetProperty("jobId").GetString());
        Assert.Equal(before + 1, (await _upstream.GetStatsAsync(Cancellation)).Enrichments.Charged);
    }

    [Fact]
    public async Task Job_ReportsInvalidAndRepeatedIds_AndFailsUnknownProfilesWithAReason()
    {
        var known = new[] { factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId() };
        string[] ids = [known[0], known[1], known[0], "not an id!", "unknown-profile-1", known[2]];

        using var response = await _client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids }, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(4, accepted.GetProperty("accepted").GetInt32());
        var rejected = accepted.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(
            new[] { "not an id!", known[0] }.Order(StringComparer.Ordinal),
            rejected.Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        var jobUrl = response.Headers.Location!.OriginalString;
        Assert.Equal(accepted.GetProperty("statusUrl").GetString(), jobUrl);

        var job = await PollAsync(jobUrl, j => j.TryGetProperty("finishedAt", out _), "job finished");
        Assert.Equal(4, job.GetProperty("total").GetInt32());
        Assert.Equal(3, job.GetProperty("done").GetInt32() + job.GetProperty("skipped").GetInt32());
        Assert.Equal(1, job.GetProperty("failed").GetInt32());
        Assert.Equal(0, job.GetProperty("pending").GetInt32());
        Assert.Equal(2, job.GetProperty("rejected").GetInt32());

        var failures = await _client.GetFromJsonAsync<JsonElement>($"{jobUrl}/failures", Cancellation);
        var failure = Assert.Single(failures.GetProperty("items").EnumerateArray());
        Assert.Equal("unknown-profile-1", failure.GetProperty("profileId").GetString());
        Assert.Contains("does not know", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_Events_StreamProgressUntilCompleted()
    {
        string[] ids = [.. Enumerable.Range(0, 5).Select(_ => factory.NextProfileId())];
        using var response = await _client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids }, Cancellation);
        var eventsUrl = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("eventsUrl").GetString();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(JobTimeout);
        using var events = await _client.GetAsync(eventsUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(timeout.Token));

        List<(string Event, JsonElement Data)> received = [];
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                received.Add((name!, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
            }
        }

        Assert.NotEmpty(received);
        Assert.All(received[..^1], e => Assert.Equal("progress", e.Event));
        var (lastEvent, last) = received[^1];
        Assert.Equal("completed", lastEvent);
        Assert.Equal(5, last.GetProperty("done").GetInt32() + last.GetProperty("skipped").GetInt32());
        Assert.Equal(0, last.GetProperty("pending").GetInt32());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"profileIds\": []}")]
    [InlineData("{\"profileIds\": [\"bad id\", \"also bad!\"]}")]
    [InlineData("not json")]
    public async Task Job_WithoutAnyValidId_IsABadRequest(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/enrichments", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Job_OverTheSizeLimit_IsABadRequestThatSaysTheLimit()
    {
        var ids = Enumerable.Range(0, 50_001).Select(i => $"id-{i}").ToArray();

        using var response = await _client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("50000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/enrichments/6f1c1f64-0000-4000-8000-000000000001")]
    [InlineData("/api/v1/enrichments/6f1c1f64-0000-4000-8000-000000000001/events")]
    [InlineData("/api/v1/enrichments/6f1c1f64-0000-4000-8000-000000000001/failures")]
    [InlineData("/api/v1/profiles/never-enriched-profile/enrichment")]
    public async Task UnknownJobsAndProfilesWithoutEnrichment_AreNotFound(string url)
    {
        using var response = await _client.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EnrichProfile_WithAnInvalidId_IsABadRequest()
    {
        using var response = await _client.PostAsync("/api/v1/profiles/bad%20id/enrich", content: null, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EnrichmentEndpoints_RequireAnApiKey()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { "a" } }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// A profile no test has asked to enrich yet: other tests of this factory enrich profiles they do
    /// not choose (search's autoEnrich takes whatever the search finds).
    /// </summary>
    private async Task<string> NeverEnrichedProfileIdAsync()
    {
        while (true)
        {
            var id = factory.NextProfileId();
            using var status = await _client.GetAsync($"/api/v1/profiles/{id}/enrichment", Cancellation);
            if (status.StatusCode == HttpStatusCode.NotFound)
            {
                return id;
            }
        }
    }

    private Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> done, string awaited) =>
        _client.PollJsonAsync(url, done, awaited, JobTimeout, Cancellation);
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests.Telemetry;

[Collection(TelemetryApiCollection.Name)]
public sealed class LogHygieneTests(TelemetryApiFactory factory) : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task EnrichmentsAndReads_LoggedAtTrace_LeaveNoContactDataAndNoKeyInTheLogs()
    {
        string[] ids = [factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId()];
        using (var read = await _client.GetAsync($"/api/v1/profiles/{ids[0]}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var single = await _client.PostAsync($"/api/v1/profiles/{ids[0]}/enrich", content: null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Accepted, single.StatusCode);
        }

        using var bulk = await _client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids[1..] }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, bulk.StatusCode);
        await PollAsync(bulk.Headers.Location!.OriginalString, job => job.TryGetProperty("finishedAt", out _), "the bulk job finished");
        await PollAsync($"/api/v1/profiles/{ids[0]}/enrichment", status => status.GetProperty("status").GetString() == "done", $"profile {ids[0]} enriched");

        List<string> secrets = [TelemetryApiFactory.JuiceboxKey, EmbeddedApiFactory.ApiKey];
        foreach (var id in ids)
        {
            var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Cancellation);
            var contact = profile.GetProperty("contact");
            var found = new[] { "email", "personalEmail", "phone" }
                .Select(field => contact.TryGetProperty(field, out var value) ? value.GetString() : null)
                .OfType<string>()
                .ToList();
            Assert.NotEmpty(found);
            secrets.AddRange(found);
        }

        var records = factory.Logs.GetSnapshot();
        Assert.True(records.Count > 100, $"Only {records.Count} records were captured: is Trace level on?");
        foreach (var secret in secrets)
        {
            var leak = records.FirstOrDefault(record => LogRecordText.AllText(record).Any(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase)));
            Assert.True(leak is null, $"A {leak?.Level} record of {leak?.Category} holds a contact value or a key: {leak?.Message}");
        }
    }

    private async Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> condition, string awaited)
    {
        var deadline = DateTimeOffset.UtcNow + JobTimeout;
        while (true)
        {
            var body = await _client.GetFromJsonAsync<JsonElement>(url, Cancellation);
            if (condition(body))
            {
                return body;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {JobTimeout} for {awaited}; last: {body}");
            await Task.Delay(100, Cancellation);
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests.Clients;

/// <summary>Per-client request rate and monthly enrichment allowance, and the operator's view of both.</summary>
[Collection(ClientsApiCollection.Name)]
public sealed class ClientFairShareTests(ClientsApiFactory factory)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARateLimitedClient_GetsItsRequestsPerMinute_Then429ProblemsWithRetryAfter_AndOthersAreNotHeldUp()
    {
        using var limited = factory.CreateAuthorizedClient(ClientsApiFactory.RateLimitedKey);
        using var other = factory.CreateAuthorizedClient(ClientsApiFactory.OnlyKey(ApiScopes.ProfilesRead));
        var url = $"/api/v1/profiles/{factory.NextProfileId()}";

        // The limit is per UTC minute: start early enough in one that the whole burst stays in it.
        await WaitForEarlyInAMinuteAsync();
        var minute = CurrentMinute();
        List<HttpResponseMessage> responses = [];
        for (var i = 0; i <= ClientsApiFactory.RateLimit; i++)
        {
            responses.Add(await limited.GetAsync(url, Cancellation));
        }

        using var unaffected = await other.GetAsync(url, Cancellation);
        Assert.Equal(minute, CurrentMinute());
        Assert.All(responses.Take(ClientsApiFactory.RateLimit), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var refused = responses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After should be the rest of the minute, got {retryAfter}");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("rate-limited", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        responses.ForEach(response => response.Dispose());

        using var operatorClient = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
        var view = await ClientAsync(operatorClient, "rate-limited");
        Assert.Equal(ClientsApiFactory.RateLimit, view.GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(ClientsApiFactory.RateLimit, view.GetProperty("requestsThisMinute").GetInt32());
    }

    [Fact]
    public async Task AnAllowance_TakesOnlyWhatIsLeft_RejectsTheRestWithTheReason_RefundsSkippedProfiles_ThenRefuses()
    {
        using var client = factory.CreateAuthorizedClient(ClientsApiFactory.AllowanceKey);
        using var operatorClient = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
        string[] ids = [factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId(), factory.NextProfileId()];

        var first = await SubmitAsync(client, [ids[0], ids[1], ids[2]]);
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        await WaitForFinishedAsync(client, first, done: 3, skipped: 0);

        // One left: the already enriched ids[0] takes it (and is skipped, so refunded); ids[3] and ids[4] are over.
        var second = await SubmitAsync(client, [ids[0], ids[3], "not a valid id!", ids[4]]);
        Assert.Equal(1, second.GetProperty("accepted").GetInt32());
        var rejected = second.GetProperty("rejected").EnumerateArray().ToDictionary(item => item.GetProperty("id").GetString()!, item => item.GetProperty("reason").GetString()!);
        Assert.Equal(new[] { "not a valid id!", ids[3], ids[4] }.Order(StringComparer.Ordinal), rejected.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("allowance", rejected[ids[3]], StringComparison.Ordinal);
        Assert.DoesNotContain("allowance", rejected["not a valid id!"], StringComparison.Ordinal);
        await WaitForFinishedAsync(client, second, done: 0, skipped: 1);

        var view = await ClientAsync(operatorClient, "allowance");
        Assert.Equal(ClientsApiFactory.Allowance, view.GetProperty("enrichmentsPerMonth").GetInt32());
        Assert.Equal(3, view.GetProperty("enrichmentsThisMonth").GetInt32());

        var third = await SubmitAsync(client, [ids[3]]);
        Assert.Equal(1, third.GetProperty("accepted").GetInt32());
        using var refused = await client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { ids[4] } }, Cancellation);
        using var refusedOne = await client.PostAsync($"/api/v1/profiles/{ids[4]}/enrich", content: null, Cancellation);

        foreach (var response in new[] { refused, refusedOne })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task TheOperatorsViewOfClients_ListsEveryClientWithItsScopes_AndNeverAKey()
    {
        using var operatorClient = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);

        using var response = await operatorClient.GetAsync("/api/v1/operator/clients", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        var clients = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("clients").EnumerateArray()
            .ToDictionary(client => client.GetProperty("name").GetString()!, client => client);
        Assert.Equal(ApiScopes.All, clients["operator-key-0"].GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(ApiScopes.CallerShorthand, clients["api-key-0"].GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal([ApiScopes.Search], clients[ClientsApiFactory.OnlyName(ApiScopes.Search)].GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(JsonValueKind.Null, clients["hashed"].GetProperty("requestsThisMinute").ValueKind);
        foreach (var secret in new[] { EmbeddedApiFactory.ApiKey, EmbeddedApiFactory.OperatorKey, ClientsApiFactory.HashedKey, ClientsApiFactory.RateLimitedKey })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientsApiFactory.Sha256Hex(secret), body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient client, string[] ids)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = ids }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"the job should be accepted: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task WaitForFinishedAsync(HttpClient client, JsonElement accepted, int done, int skipped)
    {
        var progress = await client.PollJsonAsync(
            accepted.GetProperty("statusUrl").GetString()!,
            job => job.TryGetProperty("finishedAt", out var finished) && finished.ValueKind != JsonValueKind.Null,
            "the enrichment job to finish",
            JobTimeout,
            Cancellation);
        Assert.Equal((done, skipped), (progress.GetProperty("done").GetInt32(), progress.GetProperty("skipped").GetInt32()));
    }

    private static async Task<JsonElement> ClientAsync(HttpClient operatorClient, string name)
    {
        var view = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/operator/clients", Cancellation);
        return view.GetProperty("clients").EnumerateArray().Single(client => client.GetProperty("name").GetString() == name);
    }

    private static DateTimeOffset CurrentMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>Waits (at most 10 s) until the clock is in the first 50 s of a minute: a burst of six reads takes far less than the rest.</summary>
    private static async Task WaitForEarlyInAMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond) + TimeSpan.FromMilliseconds(50), Cancellation);
        }
    }
}

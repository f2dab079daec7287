using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class OperatorApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private readonly HttpClient _operator = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
    private readonly HttpClient _caller = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _operator.Dispose();
        _caller.Dispose();
    }

    [Theory]
    [InlineData("/api/v1/operator/budget")]
    [InlineData("/api/v1/operator/enrichment/queue")]
    [InlineData("/api/v1/operator/enrichment/dead-letters")]
    [InlineData("/api/v1/operator/cluster")]
    public async Task OperatorEndpoints_AreForbiddenToCallerKeys_AndOpenToOperatorKeys(string url)
    {
        using var forbidden = await _caller.GetAsync(url, Cancellation);
        using var allowed = await _operator.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task OperatorKeys_AlsoWorkAsApiKeys()
    {
        using var response = await _operator.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Budget_ShowsThePaceAndTheLimitsLearnedFromTheUpstream()
    {
        using var warm = await _caller.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", Cancellation);

        var budget = await _operator.GetFromJsonAsync<JsonElement>("/api/v1/operator/budget", Cancellation);

        Assert.True(budget.GetProperty("requestsPerMinute").GetInt32() > 0);
        Assert.True(budget.GetProperty("grantedToday").GetInt32() >= 1);
        Assert.True(budget.TryGetProperty("paceInterval", out _));
    }

    [Fact]
    public async Task Queue_InEmbeddedMode_IsNotDurable_AndListsEveryWorker()
    {
        var queue = await _operator.GetFromJsonAsync<JsonElement>("/api/v1/operator/enrichment/queue", Cancellation);

        Assert.False(queue.GetProperty("durable").GetBoolean());
        Assert.Equal(8, queue.GetProperty("workers").GetArrayLength());
    }

    [Fact]
    public async Task DeadLetters_RejectAnOutOfRangeLimit()
    {
        using var response = await _operator.GetAsync("/api/v1/operator/enrichment/dead-letters?limit=0", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cluster_ListsTheActiveSilo_WithTheProfilesItHosts()
    {
        var id = factory.NextProfileId();
        using var read = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var cluster = await _operator.GetFromJsonAsync<JsonElement>("/api/v1/operator/cluster", Cancellation);

        Assert.Equal(1, cluster.GetProperty("activeSilos").GetInt32());
        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Matches(@"^[0-9.]+:\d+@\d+$", silo.GetProperty("address").GetString());
        Assert.True(silo.GetProperty("activationsByType").GetProperty("ProfileGrain").GetInt32() >= 1, silo.ToString());
        Assert.True(silo.GetProperty("activations").GetInt32() >= silo.GetProperty("activationsByType").GetProperty("ProfileGrain").GetInt32());
        Assert.Equal(cluster.GetProperty("activations").GetInt32(), silo.GetProperty("activations").GetInt32());
    }
}

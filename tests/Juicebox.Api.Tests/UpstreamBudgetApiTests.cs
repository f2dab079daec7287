using System.Text.Json;

namespace Juicebox.Api.Tests;

/// <summary>A read the cluster's upstream budget has no room for is answered 503 with the budget's retry time.</summary>
public sealed class UpstreamBudgetApiTests
{
    [Fact]
    public async Task GetProfile_WhenTheDailyRequestLimitIsUsedUp_IsServiceUnavailable_WithoutCallingTheUpstream()
    {
        // The budget's own GET /usage, sent when it starts, is the one request of the day.
        await using var factory = new EmbeddedApiFactory().WithSetting("UpstreamBudget:RequestsPerDay", "1");
        using var client = factory.CreateAuthorizedClient();
        using var upstream = new SandboxControl(factory.Sandbox.RootAddress);
        var cancellationToken = TestContext.Current.CancellationToken;

        using var response = await client.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", cancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal("THROTTLED", problem.GetProperty("upstreamCode").GetString());
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Assert.Equal(0, await upstream.CountCallsAsync("GET /profiles/{id}", cancellationToken));
    }
}

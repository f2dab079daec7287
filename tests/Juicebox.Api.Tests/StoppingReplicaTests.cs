using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Hosting.Shutdown;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests;

/// <summary>
/// A replica that has begun to stop (what SIGTERM starts, before its server closes) takes no new work:
/// every new API request is answered 503 with <c>Retry-After</c> and the <c>shutting-down</c> problem,
/// nothing behind it is started (a job is not accepted), readiness fails so that a proxy or Kubernetes
/// stops sending traffic (a problem document naming the failing check), and liveness still answers. A factory of its own: a stop cannot be undone.
/// </summary>
public sealed class StoppingReplicaTests
{
    private const string ShuttingDownProblem = "https://juicebox.local/problems/shutting-down";

    [Fact]
    public async Task OnceStopping_NewRequestsAre503WithRetryAfter_NothingStarts_AndReadinessFails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var factory = new EmbeddedApiFactory();
        using var client = factory.CreateAuthorizedClient();
        using var anonymous = factory.CreateClient();
        var id = factory.NextProfileId();
        using (var before = await client.GetAsync($"/api/v1/profiles/{id}", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var readyBefore = await anonymous.GetAsync("/health/ready", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);
        }

        factory.Services.GetRequiredService<ShutdownProgress>().BeginStopping();

        using var read = await client.GetAsync($"/api/v1/profiles/{id}", cancellationToken);
        using var submit = await client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { factory.NextProfileId() } }, cancellationToken);
        using var ready = await anonymous.GetAsync("/health/ready", cancellationToken);
        using var live = await anonymous.GetAsync("/health/live", cancellationToken);

        foreach (var response in new[] { read, submit })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            Assert.Equal(ShuttingDownProblem, problem.RootElement.GetProperty("type").GetString());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("application/problem+json", ready.Content.Headers.ContentType?.MediaType);
        using (var notReady = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cancellationToken)))
        {
            Assert.Equal(HealthReportWriter.NotReadyProblemType, notReady.RootElement.GetProperty("type").GetString());
            Assert.Equal(503, notReady.RootElement.GetProperty("status").GetInt32());
            var shutdown = notReady.RootElement.GetProperty("checks").GetProperty(ShutdownHealthCheck.Name);
            Assert.Equal("Unhealthy", shutdown.GetProperty("status").GetString());
            Assert.Contains(ShutdownHealthCheck.Name, notReady.RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(cancellationToken));
    }
}

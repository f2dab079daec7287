using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// A silo and a client-api as processes, logging JSON as in production: one request's correlation id
/// crosses the process boundary into the silo's logs, both hosts answer <c>/metrics</c>, and neither
/// names its server software in a <c>Server</c> header.
/// </summary>
public sealed partial class TelemetryTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 1, clientApis: 1)
{
    private const string CorrelationHeader = "X-Correlation-Id";
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _logTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _scrapeTimeout = TimeSpan.FromSeconds(30);

    protected override ClusterTopologyOptions Options => new()
    {
        HostSettings = new Dictionary<string, string?>
        {
            // Cluster mode's default, which the topology's hosts otherwise turn off for readable output.
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Juicebox"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information",
        },
    };

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task ARequestsCorrelationId_ReachesTheSilosLogs_AndBothHostsServeMetrics()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        var silo = Topology.Silos.Single();
        var correlationId = $"e2e-{Guid.NewGuid():N}";
        var id = Topology.NextProfileId();
        using var api = clientApi.CreateApiClient(_requestTimeout);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/profiles/{id}");
        request.Headers.Add(CorrelationHeader, correlationId);
        using var response = await api.SendAsync(request, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(correlationId, response.Headers.GetValues(CorrelationHeader).Single());
        Assert.Empty(response.Headers.Server);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(
                HasRecord(clientApi, correlationId, "Microsoft.AspNetCore.Routing.EndpointMiddleware")
                && HasRecord(silo, correlationId, "Juicebox.Grains.Profiles.ProfileGrain")
                && HasRecord(silo, correlationId, "Juicebox.Client.Http.JuiceboxHttpLogger")),
            _logTimeout,
            $"JSON records with correlation id {correlationId} from client-api's endpoint, the silo's profile grain and its upstream call",
            cancellationToken);

        using var scraper = new HttpClient { Timeout = _requestTimeout };
        using var siloHealth = await scraper.GetAsync(new Uri(silo.HttpAddress, "health/live"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, siloHealth.StatusCode);
        Assert.Empty(siloHealth.Headers.Server);

        var siloMetrics = await ScrapeUntilAsync(
            scraper,
            silo,
            text => text.Contains("juicebox_enrichment_queue_ready{", StringComparison.Ordinal),
            "the silo's queue gauges (the first scrape starts the first reading)",
            cancellationToken);
        Assert.Matches(MissRead(), siloMetrics);
        Assert.Contains("juicebox_upstream_ratelimit_limit{", siloMetrics, StringComparison.Ordinal);
        Assert.Contains("orleans_catalog_activations{", siloMetrics, StringComparison.Ordinal);
        Assert.DoesNotContain(id, siloMetrics, StringComparison.Ordinal);

        var apiMetrics = await ScrapeUntilAsync(
            scraper,
            clientApi,
            text => text.Contains("http_route=\"api/v1/profiles/{id}\"", StringComparison.Ordinal),
            "client-api's request metrics of GET /api/v1/profiles/{id}",
            cancellationToken);
        Assert.Contains("orleans_", apiMetrics, StringComparison.Ordinal);
        Assert.DoesNotContain("juicebox_profile_reads_total", apiMetrics, StringComparison.Ordinal);
    }

    /// <summary>Whether the host wrote a JSON record of <paramref name="category"/> whose scopes carry the correlation id.</summary>
    private static bool HasRecord(JuiceboxHost host, string correlationId, string category) =>
        host.Process.RecentOutput
            .Split('\n')
            .Where(line => line.TrimStart().StartsWith('{') && line.Contains(correlationId, StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Any(record =>
                record.GetProperty("Category").GetString() == category
                && record.GetProperty("Scopes").EnumerateArray().Any(scope =>
                    scope.ValueKind == JsonValueKind.Object
                    && scope.TryGetProperty("CorrelationId", out var value)
                    && value.GetString() == correlationId));

    private static async Task<string> ScrapeUntilAsync(
        HttpClient scraper, JuiceboxHost host, Func<string, bool> condition, string awaited, CancellationToken cancellationToken)
    {
        var metrics = new Uri(host.HttpAddress, "metrics");
        var text = string.Empty;
        try
        {
            await Eventually.WaitForAsync(
                async token =>
                {
                    text = await scraper.GetStringAsync(metrics, token);
                    return condition(text);
                },
                _scrapeTimeout,
                $"{awaited} at {metrics}",
                cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message} The last scrape:{Environment.NewLine}{text}", exception);
        }

        return text;
    }

    [GeneratedRegex("""juicebox_profile_reads_total\{[^}]*cache="miss"[^}]*\} [1-9]""")]
    private static partial Regex MissRead();
}

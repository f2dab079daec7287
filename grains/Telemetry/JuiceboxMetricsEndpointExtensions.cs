using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Prometheus scrape endpoint of a Juicebox host.</summary>
public static class JuiceboxMetricsEndpointExtensions
{
    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Maps <see cref="MetricsPath"/>: the Prometheus text format of everything
    /// <c>AddJuiceboxTelemetry</c> collects. It needs no key, like the health endpoints: it is meant
    /// for a scraper inside the cluster's private network, and it carries no ids, personal data or keys.
    /// </summary>
    public static IEndpointConventionBuilder MapJuiceboxMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
    }
}

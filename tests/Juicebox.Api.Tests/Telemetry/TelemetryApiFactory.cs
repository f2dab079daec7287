using System.Collections.Concurrent;
using Juicebox.Client;
using Juicebox.GrainInterfaces.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Exporter;

namespace Juicebox.Api.Tests.Telemetry;

/// <summary>
/// client-api in Embedded mode with every log record of every category captured at Trace level, on
/// a Juicebox key that is easy to look for, and with a look at the headers of each upstream call.
/// </summary>
public sealed class TelemetryApiFactory : EmbeddedApiFactory
{
    public const string JuiceboxKey = "sb_telemetry_tests_3f9c1e";

    public TelemetryApiFactory()
    {
        WithSetting("Sandbox:Keys:0:Key", JuiceboxKey);
        WithSetting("Juicebox:ApiKey", JuiceboxKey);
    }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The path and <c>X-Correlation-Id</c> of every upstream call, as sent.</summary>
    public ConcurrentQueue<(string Path, string? CorrelationId)> UpstreamCalls { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging
            .AddFakeLogging()
            .AddFilter<FakeLoggerProvider>(category: null, LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(nameof(IJuiceboxClient)).AddHttpMessageHandler(() => new UpstreamHeaderSpy(UpstreamCalls));

            // Every scrape collects afresh: with the exporter's short cache, a test's "before" scrape could be
            // an earlier test's, taken before that test's reads were counted.
            services.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
        });
    }

    /// <summary>The innermost handler of the Juicebox client: it sees each request as it goes out.</summary>
    private sealed class UpstreamHeaderSpy(ConcurrentQueue<(string, string?)> calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var correlationId = request.Headers.TryGetValues(Correlation.HeaderName, out var values) ? values.Single() : null;
            calls.Enqueue((request.RequestUri?.AbsolutePath ?? string.Empty, correlationId));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// Runs alone, after the parallel collections: the metrics of every host in the process reach every
/// host's <c>/metrics</c> (OpenTelemetry listens to meters by name), so counts are only exact here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryApiCollection : ICollectionFixture<TelemetryApiFactory>
{
    public const string Name = "Embedded API telemetry";
}

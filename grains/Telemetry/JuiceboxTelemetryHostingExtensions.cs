using Juicebox.Grains.Diagnostics;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Microsoft.Extensions.Hosting;

/// <summary>Logs and metrics of a Juicebox host: used by <c>silo/</c> and by client-api.</summary>
public static class JuiceboxTelemetryHostingExtensions
{
    /// <summary>The meter of Orleans' runtime (silo and client), in Orleans 10.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    private const string ConsoleSection = "Logging:Console";

    /// <summary>
    /// ASP.NET Core's own meters, added by name rather than through OpenTelemetry's ASP.NET Core
    /// instrumentation, whose only other part is a middleware around every request (it tags a 5xx answer's
    /// duration with <c>error.type</c>, which nothing of ours reads): one async frame per request less.
    /// </summary>
    internal static readonly string[] AspNetCoreMeterNames =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        UnreadInstruments.MemoryPoolMeter,
    ];

    /// <summary>
    /// Logs: every record made while a request or grain call is handled carries its trace and span
    /// ids; in Cluster mode the console writes JSON with scopes (the correlation id among them) unless
    /// <c>Logging:Console:FormatterName</c> says otherwise; Embedded mode keeps the plain console.
    /// Metrics: the Juicebox meter, Orleans' meter, ASP.NET Core's request metrics, outgoing HTTP and
    /// the .NET runtime, exported for Prometheus (<see cref="JuiceboxMetricsEndpointExtensions.MapJuiceboxMetrics"/>).
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="serviceName">The <c>service.name</c> the metrics carry, e.g. <c>juicebox-silo</c>.</param>
    public static IHostApplicationBuilder AddJuiceboxTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        CorrelationScopeProvider.Register(builder.Services);
        ConfigureConsoleDefaults(builder.Configuration, clusterMode: JuiceboxConnectionStrings.GetPostgres(builder.Configuration) is not null);

        builder.Services.AddOptions<DiagnosticsOptions>().Bind(builder.Configuration.GetSection(DiagnosticsOptions.SectionName));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(JuiceboxMetrics.MeterName, OrleansMeterName, "System.Runtime")
                .AddMeter(AspNetCoreMeterNames)
                .AddHttpClientInstrumentation()
                .DropUnreadInstruments()
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Sets the console's defaults. A cluster's logs are read by machines: JSON, one object a line,
    /// and whenever the console writes JSON it includes scopes (the correlation id, trace and span
    /// ids) and UTC timestamps. Each is a default only: what the configuration says wins
    /// (<c>Logging__Console__FormatterName=simple</c>, <c>Logging__Console__FormatterOptions__IncludeScopes=false</c>).
    /// </summary>
    private static void ConfigureConsoleDefaults(IConfigurationManager configuration, bool clusterMode)
    {
        var console = configuration.GetSection(ConsoleSection);
        Dictionary<string, string?> defaults = [];
        var formatter = console["FormatterName"];
        if (string.IsNullOrEmpty(formatter) && clusterMode)
        {
            formatter = ConsoleFormatterNames.Json;
            defaults[$"{ConsoleSection}:FormatterName"] = formatter;
        }

        if (string.Equals(formatter, ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            AddIfAbsent(defaults, console, "FormatterOptions:IncludeScopes", "true");
            AddIfAbsent(defaults, console, "FormatterOptions:UseUtcTimestamp", "true");
            AddIfAbsent(defaults, console, "FormatterOptions:TimestampFormat", "yyyy-MM-ddTHH:mm:ss.fffZ");
        }

        if (defaults.Count > 0)
        {
            configuration.AddInMemoryCollection(defaults);
        }
    }

    private static void AddIfAbsent(Dictionary<string, string?> defaults, IConfigurationSection console, string key, string value)
    {
        if (string.IsNullOrEmpty(console[key]))
        {
            defaults[$"{ConsoleSection}:{key}"] = value;
        }
    }
}

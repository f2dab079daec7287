using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

/// <summary>Gives a silo the Juicebox instruments and the correlation id in its grains' log scopes.</summary>
internal static class JuiceboxTelemetrySiloBuilderExtensions
{
    public static ISiloBuilder AddJuiceboxTelemetry(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddMetrics();
        services.TryAddSingleton<UpstreamBudgetGauges>();
        services.TryAddSingleton<EnrichmentWorkerGauges>();
        services.TryAddSingleton<EnrichmentQueueGauges>();
        services.TryAddSingleton<JuiceboxMetrics>();
        services.TryAddTransient<UpstreamTelemetryHandler>();
        CorrelationScopeProvider.Register(services);

        // The observable gauges exist from the start, not from the first grain that counts something.
        silo.AddStartupTask((provider, _) =>
        {
            provider.GetRequiredService<JuiceboxMetrics>();
            return Task.CompletedTask;
        });
        return silo;
    }
}

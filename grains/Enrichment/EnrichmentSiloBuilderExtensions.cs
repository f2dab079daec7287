using Juicebox.Grains.Enrichment;
using Juicebox.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

/// <summary>Gives a silo the enrichment pipeline: its options, job store and stream.</summary>
public static class EnrichmentSiloBuilderExtensions
{
    /// <summary>
    /// Adds the enrichment pipeline: jobs and stream queues in PostgreSQL when
    /// <c>ConnectionStrings:Postgres</c> is set, in memory otherwise (Embedded mode, where a silo
    /// that dies takes its queued work with it). The queue's settings are <c>Streams:enrichment:*</c>.
    /// </summary>
    public static ISiloBuilder AddJuiceboxEnrichment(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        var services = silo.Services;
        services.AddOptions<EnrichmentOptions>().Bind(configuration.GetSection(EnrichmentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnrichmentOptions>, EnrichmentOptionsValidator>());

        var connectionString = JuiceboxConnectionStrings.GetPostgres(configuration);
        services.AddJuiceboxEnrichmentJobStore(connectionString);
        if (connectionString is null)
        {
            silo.AddMemoryStreams(EnrichmentStream.ProviderName);
        }
        else
        {
            // Workers hold requests while they wait for the upstream budget and acknowledge each
            // one only when every profile in it is settled.
            silo.AddJuiceboxPostgresStreams(EnrichmentStream.ProviderName, connectionString, queue => queue.AcknowledgeOnDelivery = false);
        }

        return silo;
    }
}

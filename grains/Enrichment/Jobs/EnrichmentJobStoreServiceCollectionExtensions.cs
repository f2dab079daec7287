using Juicebox.Grains.Enrichment.Jobs;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers where enrichment jobs are kept.</summary>
public static class EnrichmentJobStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEnrichmentJobStore"/> as a singleton: <see cref="PostgresEnrichmentJobStore"/>
    /// on the host's shared <see cref="Npgsql.NpgsqlDataSource"/> (registered here unless the host has one,
    /// with the schema migrated on start-up) when <paramref name="postgresConnectionString"/> is given,
    /// <see cref="InMemoryEnrichmentJobStore"/> when it is null or empty (Embedded mode). A store the
    /// host registered already is kept.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="postgresConnectionString">An Npgsql connection string, or null.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    public static IServiceCollection AddJuiceboxEnrichmentJobStore(this IServiceCollection services, string? postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);

        if (string.IsNullOrEmpty(postgresConnectionString))
        {
            services.TryAddSingleton<IEnrichmentJobStore, InMemoryEnrichmentJobStore>();
            return services;
        }

        JuiceboxPostgresDataSource.TryAdd(services, postgresConnectionString, "juicebox-silo");
        services.AddJuiceboxSchemaMigration();
        services.TryAddSingleton<IEnrichmentJobStore, PostgresEnrichmentJobStore>();
        return services;
    }
}

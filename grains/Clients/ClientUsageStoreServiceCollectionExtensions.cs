using Juicebox.Grains.Clients;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers where API clients' enrichment reservations are kept.</summary>
public static class ClientUsageStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClientUsageStore"/>: <see cref="PostgresClientUsageStore"/> on the host's shared
    /// data source when <paramref name="postgresConnectionString"/> is given, <see cref="InMemoryClientUsageStore"/>
    /// otherwise (Embedded mode). A store the host registered already is kept.
    /// </summary>
    public static IServiceCollection AddJuiceboxClientUsageStore(this IServiceCollection services, string? postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrEmpty(postgresConnectionString))
        {
            services.TryAddSingleton<IClientUsageStore, InMemoryClientUsageStore>();
            return services;
        }

        JuiceboxPostgresDataSource.TryAdd(services, postgresConnectionString, "juicebox-silo");
        services.AddJuiceboxSchemaMigration();
        services.TryAddSingleton<IClientUsageStore, PostgresClientUsageStore>();
        return services;
    }
}

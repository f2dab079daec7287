using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Juicebox PostgreSQL schema migration with a host.</summary>
public static class SchemaMigrationServiceCollectionExtensions
{
    /// <summary>
    /// Migrates the PostgreSQL database behind the registered <see cref="Npgsql.NpgsqlDataSource"/>
    /// when the host starts, before any hosted service (Orleans' silo or client included) starts.
    /// Calling it more than once registers it once.
    /// </summary>
    /// <param name="services">The host's services; must contain an <see cref="Npgsql.NpgsqlDataSource"/>.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    public static IServiceCollection AddJuiceboxSchemaMigration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        return services;
    }
}

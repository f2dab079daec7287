using Juicebox.Grains.Hosting;
using Juicebox.Grains.LocalQueries;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

/// <summary>Gives a silo the local queries: the profile index the profile grains keep and the query grain reads.</summary>
public static class LocalQueriesSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IProfileIndex"/> as a singleton: <see cref="PostgresProfileIndex"/> on the
    /// host's shared <see cref="Npgsql.NpgsqlDataSource"/> (with the schema migrated on start-up) when
    /// <c>ConnectionStrings:Postgres</c> is set, <see cref="InMemoryProfileIndex"/> otherwise (Embedded
    /// mode). An index the host registered already is kept. Options: <c>LocalQueries:*</c>.
    /// </summary>
    public static ISiloBuilder AddJuiceboxLocalQueries(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        var services = silo.Services;
        services.AddOptions<LocalQueriesOptions>().Bind(configuration.GetSection(LocalQueriesOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalQueriesOptions>, LocalQueriesOptionsValidator>());

        if (JuiceboxConnectionStrings.GetPostgres(configuration) is { } connectionString)
        {
            JuiceboxPostgresDataSource.TryAdd(services, connectionString, "juicebox-silo");
            services.AddJuiceboxSchemaMigration();
            services.TryAddSingleton<IProfileIndex, PostgresProfileIndex>();
        }
        else
        {
            services.TryAddSingleton<IProfileIndex, InMemoryProfileIndex>();
        }

        services.TryAddSingleton<ProfileRowVersionReader>();
        return silo;
    }
}

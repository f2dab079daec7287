using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Juicebox.Grains.Streaming;

/// <summary>
/// The services one PostgreSQL stream provider needs besides Orleans' own: the shared data source
/// and schema migration, its validated named options, and its keyed leases and admin.
/// </summary>
internal static class PostgresStreamServices
{
    public static OptionsBuilder<PostgresStreamOptions> Add(
        IServiceCollection services,
        string name,
        string connectionString,
        string applicationName)
    {
        JuiceboxPostgresDataSource.TryAdd(services, connectionString, applicationName);
        services.AddJuiceboxSchemaMigration();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStreamOptions>, PostgresStreamOptionsValidator>());
        services.TryAddSingleton<PostgresStreamPayloadCodec>();

        services.AddKeyedSingleton(name, (provider, _) => new PostgresStreamMessageLeases(name, provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddKeyedSingleton<IStreamMessageLeases>(name, (provider, key) => provider.GetRequiredKeyedService<PostgresStreamMessageLeases>(key));
        services.AddKeyedSingleton(name, (provider, _) => new PostgresStreamQueueAdmin(
            name,
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<PostgresStreamPayloadCodec>(),
            provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<PostgresStreamQueueAdmin>>()));

        return services.AddOptions<PostgresStreamOptions>(name).ValidateOnStart();
    }
}

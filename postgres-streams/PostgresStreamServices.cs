using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace PostgresStreams;

/// <summary>
/// The services one PostgreSQL stream provider needs besides Orleans' own: the shared data source,
/// its validated named options, and its keyed leases and admin.
/// </summary>
internal static class PostgresStreamServices
{
    public static OptionsBuilder<PostgresStreamOptions> Add(IServiceCollection services, string name)
    {
        // A data source the host registered (before or after this call) wins: it is the one pool
        // the host shares. Otherwise the container builds one, and disposes it with the host.
        services.TryAddSingleton(provider => NpgsqlDataSource.Create(
            provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name).ConnectionString!));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStreamOptions>, PostgresStreamOptionsValidator>());
        services.TryAddSingleton<PostgresStreamPayloadCodec>();

        services.AddKeyedSingleton(name, (provider, _) => new PostgresStreamMessageLeases(
            name, provider.GetRequiredService<NpgsqlDataSource>(), TablesOf(provider, name)));
        services.AddKeyedSingleton<IStreamMessageLeases>(name, (provider, key) => provider.GetRequiredKeyedService<PostgresStreamMessageLeases>(key));
        services.AddKeyedSingleton(name, (provider, _) => new PostgresStreamQueueAdmin(
            name,
            provider.GetRequiredService<NpgsqlDataSource>(),
            TablesOf(provider, name),
            provider.GetRequiredService<PostgresStreamPayloadCodec>(),
            provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<PostgresStreamQueueAdmin>>()));

        return services.AddOptions<PostgresStreamOptions>(name).ValidateOnStart();
    }

    private static PostgresStreamTables TablesOf(IServiceProvider provider, string name) =>
        new(provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name).TablePrefix);
}

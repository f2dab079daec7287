using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using PostgresStreams;

namespace Orleans.Hosting;

/// <summary>Juicebox's use of the PostgreSQL stream provider: its shared data source, its migrations, its tables.</summary>
public static class JuiceboxPostgresStreamsSiloBuilderExtensions
{
    /// <summary>
    /// The prefix of Juicebox's queue tables (<c>juicebox_stream_messages</c>, <c>juicebox_stream_dead_letters</c>,
    /// <c>juicebox_stream_lease_seq</c>), which migration <c>0005_stream_queues.sql</c> created before the
    /// provider had a project of its own. Running deployments hold their queued messages there.
    /// </summary>
    public const string TablePrefix = "juicebox_stream";

    /// <summary>
    /// Adds the stream provider <paramref name="name"/> on Juicebox's shared data source and migrated
    /// schema (the migrations create its tables); settings from <c>Streams:{name}</c>, then <paramref name="configure"/>.
    /// </summary>
    public static ISiloBuilder AddJuiceboxPostgresStreams(
        this ISiloBuilder silo,
        string name,
        string connectionString,
        Action<PostgresStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        JuiceboxPostgresDataSource.TryAdd(silo.Services, connectionString, "juicebox-silo");
        silo.Services.AddJuiceboxSchemaMigration();
        return silo.AddPostgresStreams(name, options =>
        {
            options.ConnectionString = connectionString;
            options.TablePrefix = TablePrefix;
            configure?.Invoke(options);
        });
    }
}

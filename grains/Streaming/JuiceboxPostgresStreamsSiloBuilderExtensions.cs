using Juicebox.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Hosting;

/// <summary>Adds Orleans persistent streams whose queues live in PostgreSQL.</summary>
public static class JuiceboxPostgresStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/>, whose queues are tables in the
    /// PostgreSQL database at <paramref name="connectionString"/> (migrated on start-up). Messages are
    /// delivered at least once, in queue order except when one is redelivered; see
    /// <see cref="PostgresStreamOptions"/> for the settings, bound from <c>Streams:{name}</c> and then
    /// <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// Also registers, keyed by <paramref name="name"/>, the <see cref="IStreamMessageLeases"/> that
    /// consumers use when <see cref="PostgresStreamOptions.AcknowledgeOnDelivery"/> is false, and the
    /// <see cref="PostgresStreamQueueAdmin"/>. Subscriptions may be implicit or explicit; explicit ones
    /// need the <c>PubSubStore</c> grain storage. Producers must run in a silo (no client registration).
    /// </remarks>
    /// <param name="silo">The silo builder.</param>
    /// <param name="name">The stream provider's name, as grains pass it to <c>GetStreamProvider</c>.</param>
    /// <param name="connectionString">An Npgsql connection string; ignored when the host already registered an <see cref="Npgsql.NpgsqlDataSource"/>.</param>
    /// <param name="configure">Adjusts the options after configuration is bound.</param>
    /// <returns>The same <paramref name="silo"/>.</returns>
    public static ISiloBuilder AddJuiceboxPostgresStreams(
        this ISiloBuilder silo,
        string name,
        string connectionString,
        Action<PostgresStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var options = PostgresStreamServices.Add(silo.Services, name, connectionString, "juicebox-silo")
            .Bind(silo.Configuration.GetSection($"{PostgresStreamOptions.SectionName}:{name}"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        silo.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, stream =>
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptionsMonitor<PostgresStreamOptions>>((pulling, monitor) =>
            {
                var settings = monitor.Get(name);
                pulling.GetQueueMsgsTimerPeriod = settings.PollingPeriod;
                pulling.MaxEventDeliveryTime = settings.MaxDeliveryTime;
            })));

        return silo;
    }
}

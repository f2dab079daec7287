using Microsoft.Extensions.Configuration;
using PostgresStreams;

namespace Orleans.Hosting;

/// <summary>Adds Orleans persistent streams whose queues live in PostgreSQL.</summary>
public static class PostgresStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/>, whose queues are tables in a
    /// PostgreSQL database (create them first with <see cref="PostgresStreamSchema"/>). Messages are
    /// delivered at least once, in queue order except when one is redelivered; see
    /// <see cref="PostgresStreamOptions"/> for the settings, bound from <c>Streams:{name}</c> and then
    /// <paramref name="configure"/>, and validated on start.
    /// </summary>
    /// <remarks>
    /// Also registers, keyed by <paramref name="name"/>, the <see cref="IStreamMessageLeases"/> that
    /// consumers use when <see cref="PostgresStreamOptions.AcknowledgeOnDelivery"/> is false, and the
    /// <see cref="PostgresStreamQueueAdmin"/>. Subscriptions may be implicit or explicit; explicit ones
    /// need the <c>PubSubStore</c> grain storage.
    /// </remarks>
    /// <param name="silo">The silo builder.</param>
    /// <param name="name">The stream provider's name, as grains pass it to <c>GetStreamProvider</c>.</param>
    /// <param name="configure">Adjusts the options after configuration is bound; sets at least the connection string.</param>
    /// <returns>The same <paramref name="silo"/>.</returns>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder silo,
        string name,
        Action<PostgresStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var section = silo.Configuration.GetSection($"{PostgresStreamOptions.SectionName}:{name}");
        var options = PostgresStreamServices.Add(silo.Services, name).Configure(settings => section.Bind(settings));
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

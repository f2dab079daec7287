using Microsoft.Extensions.Configuration;
using PostgresStreams;

namespace Orleans.Hosting;

/// <summary>Lets an Orleans client produce on PostgreSQL-queued persistent streams.</summary>
public static class PostgresStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> to a client, to produce events
    /// (consuming happens in silos). Settings are bound from <c>Streams:{name}</c> and then
    /// <paramref name="configure"/>; <see cref="PostgresStreamOptions.QueueCount"/> and
    /// <see cref="PostgresStreamOptions.TablePrefix"/> must equal the silos'. Also registers the keyed
    /// <see cref="PostgresStreamQueueAdmin"/> and <see cref="IStreamMessageLeases"/>.
    /// </summary>
    /// <param name="client">The client builder.</param>
    /// <param name="name">The stream provider's name, as the silos register it.</param>
    /// <param name="configure">Adjusts the options after configuration is bound; sets at least the connection string.</param>
    /// <returns>The same <paramref name="client"/>.</returns>
    public static IClientBuilder AddPostgresStreams(
        this IClientBuilder client,
        string name,
        Action<PostgresStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var section = client.Configuration.GetSection($"{PostgresStreamOptions.SectionName}:{name}");
        var options = PostgresStreamServices.Add(client.Services, name).Configure(settings => section.Bind(settings));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        client.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, _ => { });
        return client;
    }
}

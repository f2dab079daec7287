using Juicebox.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Hosting;

/// <summary>Lets an Orleans client produce on PostgreSQL-queued persistent streams.</summary>
public static class JuiceboxPostgresStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> to a client, to produce events
    /// (consuming happens in silos). Settings are bound from <c>Streams:{name}</c> and then
    /// <paramref name="configure"/>; <see cref="PostgresStreamOptions.QueueCount"/> must equal the
    /// silos'. Also registers the keyed <see cref="PostgresStreamQueueAdmin"/> and
    /// <see cref="IStreamMessageLeases"/>, and migrates the schema on start-up.
    /// </summary>
    /// <param name="client">The client builder.</param>
    /// <param name="name">The stream provider's name, as the silos register it.</param>
    /// <param name="connectionString">An Npgsql connection string; ignored when the host already registered an <see cref="Npgsql.NpgsqlDataSource"/>.</param>
    /// <param name="configure">Adjusts the options after configuration is bound.</param>
    /// <returns>The same <paramref name="client"/>.</returns>
    public static IClientBuilder AddJuiceboxPostgresStreams(
        this IClientBuilder client,
        string name,
        string connectionString,
        Action<PostgresStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var options = PostgresStreamServices.Add(client.Services, name, connectionString, "juicebox-client")
            .Bind(client.Configuration.GetSection($"{PostgresStreamOptions.SectionName}:{name}"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        client.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, _ => { });
        return client;
    }
}

using Juicebox.Grains;
using Juicebox.Grains.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Streaming;

/// <summary>
/// A one-silo test cluster and a client with the PostgreSQL stream provider, and pub-sub storage,
/// in a fresh database, tuned so redelivery and dead-lettering take seconds.
/// </summary>
public sealed class PostgresStreamClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string ProviderName = "ClusterQueueTests";
    public const string Namespace = "queue-cluster-tests";
    public const int MaxAttempts = 3;

    public string ConnectionString { get; private set; } = "";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public PostgresStreamQueueAdmin Admin =>
        Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<PostgresStreamQueueAdmin>(ProviderName);

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        var connectionString = ConnectionString;

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddJuiceboxPostgresStorage(connectionString, [StorageNames.PubSub]);
            silo.AddJuiceboxPostgresStreams(ProviderName, connectionString, Configure);
        });
        builder.ConfigureClient(client => client.AddJuiceboxPostgresStreams(ProviderName, connectionString, Configure));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    private static void Configure(PostgresStreamOptions options)
    {
        options.QueueCount = 2;
        options.MaxAttempts = MaxAttempts;
        options.VisibilityTimeout = TimeSpan.FromSeconds(10);
        options.MaxDeliveryTime = TimeSpan.FromSeconds(1);
        options.PollingPeriod = TimeSpan.FromMilliseconds(100);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

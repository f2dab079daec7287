using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orleans.TestingHost;

namespace PostgresStreams.Tests;

/// <summary>
/// A one-silo test cluster and a client with the PostgreSQL stream provider, and in-memory pub-sub
/// storage, in a fresh database, tuned so redelivery and dead-lettering take seconds.
/// </summary>
public class PostgresStreamClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string ProviderName = "ClusterQueueTests";
    public const string Namespace = "queue-cluster-tests";
    public const int MaxAttempts = 3;

    public string ConnectionString { get; private set; } = "";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public PostgresStreamQueueAdmin Admin =>
        Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<PostgresStreamQueueAdmin>(ProviderName);

    protected virtual short Silos => 1;

    /// <summary>
    /// Membership tuned to declare a silo dead within seconds. Only for a test that kills one: on a busy
    /// machine a live silo that misses two one-second probes is declared dead too, and leaves the cluster.
    /// </summary>
    protected virtual bool DeclaresDeadSilosQuickly => false;

    /// <summary>How many of the provider's queues <paramref name="silo"/> pulls now.</summary>
    public static async Task<int> RunningAgentsAsync(InProcessSiloHandle silo)
    {
        var provider = (IControllable)silo.ServiceProvider.GetRequiredKeyedService<IStreamProvider>(ProviderName);
        return Convert.ToInt32(await provider.ExecuteCommand((int)PersistentStreamProviderCommand.GetNumberRunningAgents, null!), CultureInfo.InvariantCulture);
    }

    /// <summary>Polls every silo's running agents until <paramref name="condition"/> holds; fails naming <paramref name="what"/>.</summary>
    public async Task<int[]> WaitForAgentsAsync(Func<int[], bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var agents = await Task.WhenAll(Cluster.Silos.Select(RunningAgentsAsync));
            if (condition(agents))
            {
                return agents;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; agents per silo: [{string.Join(", ", agents)}].");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        {
            await PostgresStreamSchema.CreateAsync(dataSource, cancellationToken: TestContext.Current.CancellationToken);
        }

        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddPostgresStreams(ProviderName, Configure);

            if (DeclaresDeadSilosQuickly)
            {
                // A killed silo is declared dead within seconds, so its queues move on.
                silo.Configure<ClusterMembershipOptions>(membership =>
                {
                    membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                    membership.NumMissedProbesLimit = 2;
                    membership.NumVotesForDeathDeclaration = 1;
                });
            }
        });
        builder.ConfigureClient(client => client.AddPostgresStreams(ProviderName, Configure));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    protected virtual void Configure(PostgresStreamOptions options)
    {
        options.ConnectionString = ConnectionString;
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

        GC.SuppressFinalize(this);
    }
}

/// <summary>Two silos pulling the queues of one provider.</summary>
public sealed class TwoSiloStreamClusterFixture(PostgresFixture postgres) : PostgresStreamClusterFixture(postgres)
{
    public const int QueueCount = 16;

    protected override short Silos => 2;

    protected override void Configure(PostgresStreamOptions options)
    {
        base.Configure(options);
        // Orleans' default balancer hands each queue to the silo owning its point on the consistent ring, so
        // with 4 queues one silo owned them all in 2 starts of 8; with 16 that is about 1 start in 30,000.
        options.QueueCount = QueueCount;
        // Exactly-once is what this fixture's test checks: generous times so a slow machine does not turn a
        // delivery into a redelivery (at-least-once is the contract; the lease tests cover redelivery).
        options.MaxDeliveryTime = TimeSpan.FromSeconds(20);
        options.VisibilityTimeout = TimeSpan.FromSeconds(60);
    }
}

/// <summary>Two silos and one queue, so one silo holds every message; short leases so redelivery takes seconds.</summary>
public sealed class SiloFailureStreamClusterFixture(PostgresFixture postgres) : PostgresStreamClusterFixture(postgres)
{
    protected override short Silos => 2;

    protected override bool DeclaresDeadSilosQuickly => true;

    protected override void Configure(PostgresStreamOptions options)
    {
        base.Configure(options);
        options.QueueCount = 1;
        options.MaxAttempts = 10;
        options.VisibilityTimeout = TimeSpan.FromSeconds(4);
    }
}

using Juicebox.Testing;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>
/// Two silos and a client whose clustering, grain storage and reminders all live in one fresh
/// PostgreSQL database, wired exactly as the hosts wire them (<c>UseJuiceboxPostgres</c>).
/// </summary>
/// <remarks>
/// This uses <see cref="TestCluster"/> rather than <c>InProcessTestCluster</c>: in Orleans 10.4.2
/// the latter always uses its in-memory membership (its <c>UseTestClusterMembership</c> switch is
/// internal), so it cannot exercise ADO.NET clustering. TestCluster also talks real TCP on loopback.
/// </remarks>
public sealed class PostgresClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string StorageName = "JuiceboxTestStore";

    private const string ConnectionStringKey = "JuiceboxTests:PostgresConnectionString";

    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster
        ?? throw new InvalidOperationException("The cluster has not been deployed yet.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The cluster's database, to look at what Orleans wrote.</summary>
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();

        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private static string ConnectionStringFrom(IConfiguration configuration) =>
        configuration[ConnectionStringKey]
        ?? throw new InvalidOperationException($"The test cluster's configuration has no '{ConnectionStringKey}'.");

    /// <summary>Created by TestCluster for every silo; configuration is its only input.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseJuiceboxPostgres(ConnectionStringFrom(siloBuilder.Configuration), [StorageName]);
    }

    /// <summary>Created by TestCluster for the client.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseJuiceboxPostgresClustering(ConnectionStringFrom(configuration));
    }
}

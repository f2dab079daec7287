using Juicebox.Grains;
using Juicebox.Grains.LocalQueries;
using Juicebox.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// A one-silo cluster whose profile grains store their state and their <c>profiles</c> rows in their
/// own database on the assembly's PostgreSQL server, reading from an in-process sandbox. The profile
/// index is the real PostgreSQL one behind <see cref="FlakyProfileIndex"/>, so tests can make its writes
/// fail; the grains' freshness clock is fake.
/// </summary>
public sealed class LocalQueriesClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan IndexRetryInterval = TimeSpan.FromMilliseconds(200);

    private int _nextProfileIndex;

    public string ConnectionString { get; private set; } = null!;
    public NpgsqlDataSource Database { get; private set; } = null!;
    public FlakyProfileIndex Index { get; private set; } = null!;
    public SandboxServer Sandbox { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A sandbox profile id no other test has used.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        Database = NpgsqlDataSource.Create(ConnectionString);
        Index = new FlakyProfileIndex(new PostgresProfileIndex(Database));
        var key = Profiles.ProfileClusterFixture.UnpacedKey;
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 2_000, Keys = [key] });

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Juicebox:BaseUrl"] = Sandbox.BaseAddress.ToString(),
            ["Juicebox:ApiKey"] = key.Key,
            ["UpstreamBudget:DefaultRequestsPerMinute"] = key.RequestsPerMinute.ToString(),
            ["ProfileCache:TimeToLive"] = TimeToLive.ToString(),
            ["LocalQueries:IndexRetryInterval"] = IndexRetryInterval.ToString(),
            ["Juicebox:Resilience:MaxRetries"] = "0",
            ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(JuiceboxServiceKeys.CacheClock, Clock);
            silo.Services.AddSingleton<IProfileIndex>(Index);
            silo.AddJuiceboxGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalQueriesClusterCollection : ICollectionFixture<LocalQueriesClusterFixture>
{
    public const string Name = "Local queries cluster";
}

using Juicebox.Cluster.Tests.Clusters;
using Juicebox.Grains.LocalQueries;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// A one-silo cluster whose profile grains store their state and their <c>profiles</c> rows in their
/// own database on the assembly's PostgreSQL server, reading from an in-process sandbox. The profile
/// index is the real PostgreSQL one behind <see cref="FlakyProfileIndex"/>, so tests can make its writes
/// fail; the grains' freshness clock is fake.
/// </summary>
public sealed class LocalQueriesClusterFixture(PostgresFixture postgres) : ClusterFixture(postgres, Spec)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan IndexRetryInterval = TimeSpan.FromMilliseconds(200);

    private NpgsqlDataSource? _database;
    private FlakyProfileIndex? _index;

    private static ClusterSpec Spec => ClusterSpec.CachingGrains(profileCount: 2_000, new Dictionary<string, string?>
    {
        ["ProfileCache:TimeToLive"] = TimeToLive.ToString(),
        ["LocalQueries:IndexRetryInterval"] = IndexRetryInterval.ToString(),
    });

    public NpgsqlDataSource Database => _database ?? throw new InvalidOperationException("The cluster has not started yet.");

    public FlakyProfileIndex Index => _index ?? throw new InvalidOperationException("The cluster has not started yet.");

    protected override ValueTask BeforeDeployAsync()
    {
        _database = NpgsqlDataSource.Create(ConnectionString);
        _index = new FlakyProfileIndex(new PostgresProfileIndex(_database));
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IProfileIndex>(Index);

    protected override async ValueTask DisposeOwnResourcesAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalQueriesClusterCollection : ICollectionFixture<LocalQueriesClusterFixture>
{
    public const string Name = "Local queries cluster";
}

using Juicebox.Grains.LocalQueries;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>PostgreSQL indexes, each on a fresh database of the assembly's server, migrated like a host migrates it.</summary>
public sealed class PostgresProfileIndexHarness(PostgresFixture postgres) : ProfileIndexHarness
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    /// <summary>The data source of the seeded index's database.</summary>
    public NpgsqlDataSource SeededDatabase => _dataSources[0];

    public override async Task<IProfileIndex> CreateEmptyAsync() => new PostgresProfileIndex(await CreateDatabaseAsync());

    public async Task<NpgsqlDataSource> CreateDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
        }

        await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        return dataSource;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

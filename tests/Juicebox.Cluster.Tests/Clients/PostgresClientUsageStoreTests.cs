using Juicebox.Grains.Clients;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Juicebox.Cluster.Tests.Clients;

/// <summary>The usage store contract on a fresh, migrated PostgreSQL database per test.</summary>
public sealed class PostgresClientUsageStoreTests(PostgresFixture postgres) : ClientUsageStoreContractTests
{
    private NpgsqlDataSource? _dataSource;

    public override async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override async Task<IClientUsageStore> CreateStoreAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await SchemaMigrator.MigrateAsync(_dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        return new PostgresClientUsageStore(_dataSource);
    }
}

using Juicebox.Grains.Enrichment.Jobs;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>The store contract on a fresh, migrated PostgreSQL database per test.</summary>
public sealed class PostgresEnrichmentJobStoreTests(PostgresFixture postgres) : EnrichmentJobStoreContractTests
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

    protected override async Task<IEnrichmentJobStore> CreateStoreAsync(int deleteBatchSize)
    {
        if (_dataSource is null)
        {
            var connectionString = await postgres.CreateDatabaseAsync();
            _dataSource = NpgsqlDataSource.Create(connectionString);
            await SchemaMigrator.MigrateAsync(_dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        }

        return new PostgresEnrichmentJobStore(_dataSource, deleteBatchSize);
    }
}

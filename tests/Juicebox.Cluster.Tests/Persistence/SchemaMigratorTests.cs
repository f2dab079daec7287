using Juicebox.Grains.Persistence;
using Juicebox.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Juicebox.Cluster.Tests.Persistence;

public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    private static readonly string[] _expectedLabels =
        ["0001_orleans_query", "0002_clustering", "0003_grain_storage", "0004_reminders"];

    [Fact]
    public void EmbeddedMigrations_AreTheNumberedScriptsInOrder()
    {
        var labels = EmbeddedSchemaMigrations.Load().Select(migration => migration.Label).ToList();

        // Later features append migrations; these four must stay first and unchanged in order.
        Assert.Equal(_expectedLabels, labels.Take(_expectedLabels.Length));
        Assert.Equal(labels.Order(StringComparer.Ordinal), labels);
    }

    [Fact]
    public async Task MigrateAsync_OnEmptyDatabase_AppliesEveryMigrationAndInstallsOrleansQueries()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        await MigrateAsync(connectionString);

        var history = await ReadHistoryAsync(connectionString);
        var embedded = EmbeddedSchemaMigrations.Load();
        Assert.Equal(embedded.Select(m => (m.Version, m.Name, m.Checksum)), history.Select(h => (h.Version, h.Name, h.Checksum)));
        var keys = await TestDatabase.QueryAsync(connectionString, "SELECT querykey FROM orleansquery", r => r.GetString(0));
        Assert.Subset(keys.ToHashSet(), OrleansQueryKeys.All.ToHashSet());
    }

    [Fact]
    public async Task MigrateAsync_RunAgain_ChangesNothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await MigrateAsync(connectionString);
        var before = await ReadHistoryAsync(connectionString);
        var queriesBefore = await ReadQueriesAsync(connectionString);

        await MigrateAsync(connectionString);

        Assert.Equal(before, await ReadHistoryAsync(connectionString));
        Assert.Equal(queriesBefore, await ReadQueriesAsync(connectionString));
    }

    [Fact]
    public async Task MigrateAsync_FourMigratorsAtOnce_AllSucceedAndEachMigrationIsAppliedOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var dataSources = Enumerable.Range(0, 4).Select(index => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            using var start = new Barrier(dataSources.Count);
            var migrators = dataSources.Select(dataSource => Task.Run(
                async () =>
                {
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
                },
                TestContext.Current.CancellationToken));

            await Task.WhenAll(migrators);
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }

        var history = await ReadHistoryAsync(connectionString);
        Assert.Equal(EmbeddedSchemaMigrations.Load().Select(m => m.Version), history.Select(h => h.Version));
    }

    [Fact]
    public async Task MigrateAsync_WhenAnAppliedScriptWasEdited_RefusesAndNamesTheMigration()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await MigrateAsync(connectionString);
        var edited = EmbeddedSchemaMigrations.Load()
            .Select(m => m.Version == 2 ? new SchemaMigration(m.Version, m.Name, m.Sql + "\n-- an afterthought\n") : m)
            .ToList();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateAsync(connectionString, edited));

        Assert.Contains("0002_clustering", exception.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", exception.Message, StringComparison.Ordinal);
        Assert.Contains("new, higher-numbered migration", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_WithALaterMigration_AppliesOnlyTheNewOne()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await MigrateAsync(connectionString);
        var before = await ReadHistoryAsync(connectionString);
        var next = new SchemaMigration(9001, "canary", "CREATE TABLE canary (id integer PRIMARY KEY);");

        await MigrateAsync(connectionString, [.. EmbeddedSchemaMigrations.Load(), next]);

        var after = await ReadHistoryAsync(connectionString);
        Assert.Equal([.. before, after[^1]], after);
        Assert.Equal((9001, "canary", next.Checksum), (after[^1].Version, after[^1].Name, after[^1].Checksum));
        Assert.Equal(0L, await TestDatabase.SingleAsync(connectionString, "SELECT count(*) FROM canary", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task MigrateAsync_WhenAScriptFails_RollsItBackAndDoesNotRecordIt()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var broken = new SchemaMigration(9001, "broken", "CREATE TABLE half_done (id integer); SELECT * FROM no_such_table;");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => MigrateAsync(connectionString, [.. EmbeddedSchemaMigrations.Load(), broken]));

        Assert.Contains("9001_broken", exception.Message, StringComparison.Ordinal);
        var history = await ReadHistoryAsync(connectionString);
        Assert.DoesNotContain(history, h => h.Version == 9001);
        Assert.Equal(EmbeddedSchemaMigrations.Load().Count, history.Count);
        Assert.Null(await TestDatabase.SingleAsync(connectionString, "SELECT to_regclass('half_done')::text", r => r.IsDBNull(0) ? null : r.GetString(0)));
    }

    [Fact]
    public async Task MigrateAsync_OnTheHostsPool_ReturnsItsConnectionWithoutTheSessionLock_AfterSuccessAndFailure()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var broken = new SchemaMigration(9002, "broken", "SELECT * FROM no_such_table;");

        // The hosts' pool hands connections back without a reset; one connection, so the next open is the migrator's.
        await using var dataSource = JuiceboxPostgresDataSource.Create(connectionString + ";Maximum Pool Size=1", "migrator-test");
        await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        var afterSuccess = await AdvisoryLocksOfNextConnectionAsync(dataSource);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => SchemaMigrator.MigrateAsync(dataSource, [.. EmbeddedSchemaMigrations.Load(), broken], NullLogger.Instance, TestContext.Current.CancellationToken));
        var afterFailure = await AdvisoryLocksOfNextConnectionAsync(dataSource);

        Assert.True(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose, "The hosts' data source should skip Npgsql's reset, or this test proves nothing.");
        Assert.Equal((0L, 0L), (afterSuccess, afterFailure));
    }

    private static async Task<long> AdvisoryLocksOfNextConnectionAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task MigrateAsync(string connectionString, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        if (migrations is null)
        {
            await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        }
        else
        {
            await SchemaMigrator.MigrateAsync(dataSource, migrations, NullLogger.Instance, TestContext.Current.CancellationToken);
        }
    }

    private static Task<List<HistoryRow>> ReadHistoryAsync(string connectionString) =>
        TestDatabase.QueryAsync(
            connectionString,
            $"SELECT version, name, checksum, applied_at FROM {SchemaMigrator.HistoryTable} ORDER BY version",
            r => new HistoryRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)));

    private static Task<List<(string Key, string Text)>> ReadQueriesAsync(string connectionString) =>
        TestDatabase.QueryAsync(
            connectionString,
            "SELECT querykey, querytext FROM orleansquery ORDER BY querykey",
            r => (r.GetString(0), r.GetString(1)));

    private sealed record HistoryRow(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
}

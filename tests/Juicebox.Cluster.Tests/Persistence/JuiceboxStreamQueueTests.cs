using Juicebox.Grains;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using PostgresStreams;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>
/// Juicebox's use of the PostgreSQL stream provider (the provider's own specification is
/// tests/PostgresStreams.Tests): the queues stay in the tables migration 0005 created, so a running
/// deployment keeps its queued messages, and pub-sub state goes to Juicebox's grain storage.
/// </summary>
public sealed class JuiceboxStreamQueueTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ProviderName = "JuiceboxQueueTests";
    private static readonly TimeSpan _waitLimit = TimeSpan.FromSeconds(30);

    private string _connectionString = "";
    private InProcessTestCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        var connectionString = _connectionString;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddJuiceboxPostgresStorage(connectionString, [StorageNames.PubSub]);
            silo.AddJuiceboxPostgresStreams(ProviderName, connectionString, o => o.PollingPeriod = TimeSpan.FromMilliseconds(100));
        });
        builder.ConfigureClient(client => client.AddPostgresStreams(ProviderName, o =>
        {
            o.ConnectionString = connectionString;
            o.TablePrefix = JuiceboxPostgresStreamsSiloBuilderExtensions.TablePrefix;
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Messages_GoThroughTheTablesOfMigration0005_AndPubSubStateIsReadBackAfterItsGrainWasCollected()
    {
        var streamKey = Guid.NewGuid();
        var stream = _cluster!.Client.GetStreamProvider(ProviderName).GetStream<string>(StreamId.Create("juicebox-queue-tests", streamKey));

        await stream.OnNextAsync("first");

        // The pulling agent registers as the stream's producer in PubSubStore once it dequeued the message.
        var stateRows = await WaitForAsync(
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'PubSubRendezvousGrain' AND grainidextensionstring LIKE '%' || @key || '%'",
            rows => rows >= 1,
            "the pulling agent's producer registration in PubSubStore",
            new NpgsqlParameter("key", streamKey.ToString("N")));
        await WaitForAsync(
            "SELECT count(*) FROM juicebox_stream_messages WHERE provider = @provider",
            rows => rows == 0,
            "the delivered message to leave juicebox_stream_messages",
            new NpgsqlParameter("provider", ProviderName));
        var leased = await TestDatabase.SingleAsync(_connectionString, "SELECT is_called FROM juicebox_stream_lease_seq", reader => reader.GetBoolean(0));
        var defaultTables = await TestDatabase.SingleAsync(_connectionString, "SELECT to_regclass('stream_queue_messages') IS NOT NULL", reader => reader.GetBoolean(0));

        // Now the grain that holds the pub-sub state goes, as on a silo's death, and comes back from PostgreSQL.
        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var handles = await stream.GetAllSubscriptionHandles();

        Assert.Equal(1, stateRows);
        Assert.True(leased, "The message's lease should have been drawn from juicebox_stream_lease_seq.");
        Assert.False(defaultTables, "Juicebox's provider must not use (or create) the provider's default tables.");
        Assert.Empty(handles);
    }

    [Fact]
    public async Task ProviderSchemaWithJuiceboxsPrefix_MatchesMigration0005()
    {
        var migrated = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(migrated))
        {
            await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        }

        var created = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(created))
        {
            await PostgresStreamSchema.CreateAsync(dataSource, JuiceboxPostgresStreamsSiloBuilderExtensions.TablePrefix, TestContext.Current.CancellationToken);
        }

        var expected = await DescribeQueueTablesAsync(migrated);
        Assert.Contains(expected, line => line.StartsWith("juicebox_stream_dead_letters.reason", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("index ix_juicebox_stream_messages_dequeue", StringComparison.Ordinal));
        Assert.Contains("sequence juicebox_stream_lease_seq bigint", expected);
        Assert.Equal(expected, await DescribeQueueTablesAsync(created));
    }

    /// <summary>Columns (type, nullability, default), indexes and sequences of the juicebox_stream_* objects.</summary>
    private static async Task<List<string>> DescribeQueueTablesAsync(string connectionString)
    {
        var columns = await TestDatabase.QueryAsync(
            connectionString,
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity
            FROM information_schema.columns
            WHERE table_name LIKE 'juicebox\_stream\_%'
            ORDER BY table_name, ordinal_position
            """,
            reader => reader.GetString(0));
        var indexes = await TestDatabase.QueryAsync(
            connectionString,
            "SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE tablename LIKE 'juicebox\\_stream\\_%' ORDER BY indexname",
            reader => reader.GetString(0));
        var sequences = await TestDatabase.QueryAsync(
            connectionString,
            "SELECT 'sequence ' || sequence_name || ' ' || data_type FROM information_schema.sequences WHERE sequence_name LIKE 'juicebox\\_stream\\_%' ORDER BY 1",
            reader => reader.GetString(0));
        return [.. columns, .. indexes, .. sequences];
    }

    private async Task<long> WaitForAsync(string sql, Func<long, bool> condition, string what, params NpgsqlParameter[] parameters)
    {
        var deadline = DateTime.UtcNow + _waitLimit;
        while (true)
        {
            var value = await TestDatabase.SingleAsync(_connectionString, sql, reader => reader.GetInt64(0), [.. parameters.Select(p => p.Clone())]);
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {_waitLimit} waiting for {what}; last value {value}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

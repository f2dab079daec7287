using Npgsql;

namespace PostgresStreams.Tests;

public sealed class PostgresStreamSchemaTests(StreamQueueDatabaseFixture database) : IClassFixture<StreamQueueDatabaseFixture>
{
    [Fact]
    public async Task CreateAsync_MakesThePrefixedTablesAndSequences_AndMayRunAgainAndConcurrently()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStreamSchema.CreateAsync(dataSource, "orders_queue", ct)));
        await PostgresStreamSchema.CreateAsync(dataSource, "orders_queue", ct);

        var objects = await QueueSql.ScalarAsync<string[]>(
            database.ConnectionString,
            "SELECT array_agg(relname::text ORDER BY relname) FROM pg_class WHERE relname LIKE 'orders\\_queue\\_%' AND relkind IN ('r', 'S')");
        Assert.Equal([
            "orders_queue_dead_letters", "orders_queue_lease_seq", "orders_queue_messages", "orders_queue_messages_message_id_seq"], objects);
    }

    [Fact]
    public async Task ProvidersWithAnotherPrefix_KeepTheirMessagesInTheirOwnTables()
    {
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            await PostgresStreamSchema.CreateAsync(dataSource, "other_queue", TestContext.Current.CancellationToken);
        }

        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.TablePrefix = "other_queue");
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "elsewhere");

        Assert.Equal(1, await CountAsync("other_queue_messages", queues.Name));
        Assert.Equal(0, await CountAsync("stream_queue_messages", queues.Name));
        var receipt = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(queues.CreateReceiver(stream))));
        Assert.Equal(1, await queues.Leases.DeadLetterAsync([receipt], "test", TestContext.Current.CancellationToken));
        Assert.Equal(1, (await queues.Admin.GetStatisticsAsync(TestContext.Current.CancellationToken)).DeadLetters);
        Assert.Equal(1, await CountAsync("other_queue_dead_letters", queues.Name));
    }

    private Task<long> CountAsync(string table, string provider) =>
        QueueSql.ScalarAsync<long>(database.ConnectionString, $"SELECT count(*) FROM {table} WHERE provider = @provider", new NpgsqlParameter("provider", provider));
}

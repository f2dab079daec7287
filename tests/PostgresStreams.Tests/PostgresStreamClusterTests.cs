using PostgresStreams.Tests.TestGrains;
using PostgresStreams;
using Npgsql;
using Orleans.Runtime;

namespace PostgresStreams.Tests;

public sealed class PostgresStreamClusterTests(PostgresStreamClusterFixture fixture) : IClassFixture<PostgresStreamClusterFixture>
{
    private static readonly TimeSpan _waitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProducedEvents_ReachTheImplicitConsumerInOrder_AndLeaveNoRows()
    {
        var streamKey = Guid.NewGuid();
        var items = Enumerable.Range(0, 20).Select(i => $"item-{i}").ToList();

        await fixture.Grains.GetGrain<IStreamProducerTestGrain>(Guid.NewGuid()).SendAsync(PostgresStreamClusterFixture.Namespace, streamKey, items);

        var consumer = fixture.Grains.GetGrain<IStreamConsumerTestGrain>(streamKey);
        var received = await WaitForAsync(consumer, r => r.Count >= items.Count, $"{items.Count} items at the consumer");
        Assert.Equal(items, received.Select(r => r.Item));
        Assert.All(received, r =>
        {
            Assert.Equal(nameof(PostgresQueueSequenceToken), r.TokenType);
            Assert.Equal(1, r.Attempt);
        });
        await WaitForRowsAsync(streamKey, 0, "the delivered messages to be acknowledged");
    }

    [Fact]
    public async Task EventsProducedByAClient_ReachTheConsumer()
    {
        var streamKey = Guid.NewGuid();
        var stream = fixture.Cluster.Client.GetStreamProvider(PostgresStreamClusterFixture.ProviderName)
            .GetStream<string>(StreamId.Create(PostgresStreamClusterFixture.Namespace, streamKey));

        await stream.OnNextAsync("from the client");

        var received = await WaitForAsync(
            fixture.Grains.GetGrain<IStreamConsumerTestGrain>(streamKey), r => r.Count >= 1, "the client's event at the consumer");
        Assert.Equal(["from the client"], received.Select(r => r.Item));
    }

    [Fact]
    public async Task ConsumerThatKeepsFailing_SendsTheMessageToTheDeadLettersAfterMaxAttempts()
    {
        var streamKey = Guid.NewGuid();

        await fixture.Grains.GetGrain<IStreamProducerTestGrain>(Guid.NewGuid())
            .SendAsync(PostgresStreamClusterFixture.Namespace, streamKey, ["before", IStreamConsumerTestGrain.Poison, "after"]);

        var deadLetter = await WaitForDeadLetterAsync(streamKey);
        Assert.Equal(PostgresStreamClusterFixture.MaxAttempts, deadLetter.Attempts);
        Assert.Equal("attempts exhausted", deadLetter.Reason);
        Assert.Equal([IStreamConsumerTestGrain.Poison], deadLetter.Events);
        Assert.Contains("delivery to subscription", deadLetter.LastError, StringComparison.Ordinal);

        var received = await fixture.Grains.GetGrain<IStreamConsumerTestGrain>(streamKey).GetReceivedAsync();
        Assert.Equal(["before", "after"], received.Where(r => r.Item != IStreamConsumerTestGrain.Poison).Select(r => r.Item));
        var poisonAttempts = received.Where(r => r.Item == IStreamConsumerTestGrain.Poison).Select(r => r.Attempt).Distinct();
        Assert.Equal(Enumerable.Range(1, PostgresStreamClusterFixture.MaxAttempts), poisonAttempts);
        await WaitForRowsAsync(streamKey, 0, "the other messages to be acknowledged");
    }

    private static async Task<IReadOnlyList<ReceivedStreamItem>> WaitForAsync(
        IStreamConsumerTestGrain consumer,
        Func<IReadOnlyList<ReceivedStreamItem>, bool> condition,
        string what)
    {
        var deadline = DateTime.UtcNow + _waitLimit;
        while (true)
        {
            var received = await consumer.GetReceivedAsync();
            if (condition(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {_waitLimit} waiting for {what}; got {received.Count}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task<PostgresStreamDeadLetter> WaitForDeadLetterAsync(Guid streamKey)
    {
        var deadline = DateTime.UtcNow + _waitLimit;
        while (true)
        {
            var deadLetters = await fixture.Admin.GetDeadLettersAsync(limit: PostgresStreamQueueAdmin.MaxPageSize, cancellationToken: TestContext.Current.CancellationToken);
            var mine = deadLetters.FirstOrDefault(d => d.StreamKey == streamKey.ToString("N"));
            if (mine is not null)
            {
                return mine;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {_waitLimit} waiting for the poison message to be dead-lettered.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task WaitForRowsAsync(Guid streamKey, long expected, string what)
    {
        var deadline = DateTime.UtcNow + _waitLimit;
        while (true)
        {
            var rows = await QueueSql.ScalarAsync<long>(
                fixture.ConnectionString,
                "SELECT count(*) FROM stream_queue_messages WHERE provider = @provider AND stream_key = @key",
                new NpgsqlParameter("provider", PostgresStreamClusterFixture.ProviderName),
                new NpgsqlParameter("key", streamKey.ToString("N")));
            if (rows == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {_waitLimit} waiting for {what}; {rows} rows left.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

using PostgresStreams;
using Orleans.Runtime;
using Orleans.Streams;

namespace PostgresStreams.Tests;

public sealed class PostgresQueueOrderingTests(StreamQueueDatabaseFixture database) : IClassFixture<StreamQueueDatabaseFixture>
{
    [Fact]
    public async Task Dequeue_ReturnsMessagesInEnqueueOrder_WithReceiptTokens()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        for (var i = 0; i < 5; i++)
        {
            await queues.SendAsync(stream, $"event-{i}", i);
        }

        var receiver = queues.CreateReceiver(stream);
        var batch = await queues.DequeueAsync(receiver);

        Assert.Equal(5, batch.Count);
        Assert.All(batch, container => Assert.Equal(stream, container.StreamId));
        Assert.Equal(
            Enumerable.Range(0, 5).SelectMany(i => new object[] { $"event-{i}", i }),
            StreamQueueHarness.EventsOf(batch));
        var receipts = StreamQueueHarness.ReceiptsOf(batch);
        Assert.All(receipts, receipt =>
        {
            Assert.Equal(queues.Name, receipt.Provider);
            Assert.Equal(queues.QueueOf(stream).ToString(), receipt.QueueId);
            Assert.Equal(1, receipt.Attempt);
        });
        Assert.Equal(receipts.Select(r => r.MessageId).Order(), receipts.Select(r => r.MessageId));
        Assert.Equal(receipts.Length, receipts.Select(r => r.Lease).Distinct().Count());

        // Tokens grow in delivery order, and every event's token carries its message's receipt.
        var tokens = batch.Select(container => container.SequenceToken).ToList();
        Assert.All(tokens.Zip(tokens.Skip(1)), pair => Assert.True(pair.First.Older(pair.Second), $"{pair.First} should be older than {pair.Second}"));
        var second = batch[1].GetEvents<int>().Single();
        Assert.Equal(1, second.Item1);
        var eventToken = Assert.IsType<PostgresQueueSequenceToken>(second.Item2);
        Assert.Equal(1, eventToken.EventIndex);
        Assert.Equal(batch[1].SequenceToken.SequenceNumber, eventToken.SequenceNumber);
        Assert.Equal(receipts[1], eventToken.Receipt);

        Assert.Empty(await queues.DequeueAsync(receiver));
    }

    [Fact]
    public async Task Dequeue_TakesAtMostBatchSizeAndMaxCount()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.BatchSize = 3);
        var stream = StreamQueueHarness.NewStream();
        for (var i = 0; i < 5; i++)
        {
            await queues.SendAsync(stream, i);
        }

        var receiver = queues.CreateReceiver(stream);

        Assert.Equal([0], StreamQueueHarness.EventsOf(await queues.DequeueAsync(receiver, maxCount: 1)));
        Assert.Equal([1, 2, 3], StreamQueueHarness.EventsOf(await queues.DequeueAsync(receiver, maxCount: 10)));
        Assert.Equal([4], StreamQueueHarness.EventsOf(await queues.DequeueAsync(receiver, maxCount: QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG)));
    }

    [Fact]
    public async Task RedeliveredMessage_GetsANewerTokenThanMessagesDeliveredBeforeIt()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "first");
        await queues.SendAsync(stream, "second");
        var receiver = queues.CreateReceiver(stream);
        var first = await queues.DequeueAsync(receiver, maxCount: 1);
        var second = await queues.DequeueAsync(receiver, maxCount: 1);

        await queues.Leases.ReleaseAsync(StreamQueueHarness.ReceiptsOf(first), TimeSpan.Zero, TestContext.Current.CancellationToken);
        var again = Assert.Single(await queues.DequeueAsync(receiver));

        Assert.Equal(["first"], StreamQueueHarness.EventsOf([again]));
        Assert.True(
            again.SequenceToken.Newer(second[0].SequenceToken),
            $"The redelivery's token {again.SequenceToken} should be newer than {second[0].SequenceToken}.");
    }

    [Fact]
    public async Task ConcurrentProducers_ReaderNeverSeesALowerIdAfterAHigherOne()
    {
        const int Producers = 6;
        const int MessagesEach = 30;
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var streams = Enumerable.Range(0, Producers).Select(_ => StreamQueueHarness.NewStream()).ToList();
        var receiver = queues.CreateReceiver(streams[0]);
        var received = new List<IBatchContainer>();

        // The reader runs while the producers commit: if a later id could commit before an earlier
        // one, the reader would take the later one and find the earlier one on a following poll.
        var producing = Task.WhenAll(streams.Select(stream => Task.Run(
            async () =>
            {
                for (var i = 0; i < MessagesEach; i++)
                {
                    await queues.SendAsync(stream, i);
                }
            },
            TestContext.Current.CancellationToken)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < Producers * MessagesEach)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {Producers * MessagesEach} messages; got {received.Count}.");
            received.AddRange(await queues.DequeueAsync(receiver, maxCount: 7));
        }

        await producing;
        var ids = StreamQueueHarness.ReceiptsOf(received).Select(receipt => receipt.MessageId).ToList();
        Assert.Equal(ids.Order(), ids);
        foreach (var stream in streams)
        {
            var events = StreamQueueHarness.EventsOf(received.Where(container => container.StreamId.Equals(stream)));
            Assert.Equal(Enumerable.Range(0, MessagesEach).Cast<object>(), events);
        }
    }

    [Fact]
    public async Task QueueMessageBatch_WithAProducerToken_IsRejected()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);

        var stream = StreamQueueHarness.NewStream();
        await Assert.ThrowsAsync<ArgumentException>(() => queues.Adapter.QueueMessageBatchAsync(
            stream, new object[] { 1 }, new Orleans.Providers.Streams.Common.EventSequenceTokenV2(1), null));

        Assert.Empty(await queues.DequeueAsync(queues.CreateReceiver(stream)));
    }

    [Fact]
    public async Task RequestContext_TravelsWithTheMessage()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.Adapter.QueueMessageBatchAsync(stream, new object[] { "x" }, null, new Dictionary<string, object> { ["tenant"] = "acme" });

        var container = Assert.Single(await queues.DequeueAsync(queues.CreateReceiver(stream)));

        RequestContext.Clear();
        Assert.True(container.ImportRequestContext());
        Assert.Equal("acme", RequestContext.Get("tenant"));
        RequestContext.Clear();
    }
}

using Npgsql;

namespace PostgresStreams.Tests;

public sealed class PostgresQueueLeaseTests(StreamQueueDatabaseFixture database) : IClassFixture<StreamQueueDatabaseFixture>
{
    private static readonly TimeSpan _waitLimit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task UnacknowledgedMessage_IsInvisibleUntilTheVisibilityTimeout_ThenRedeliveredWithANewLease()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o =>
        {
            o.VisibilityTimeout = TimeSpan.FromSeconds(3);
            o.MaxDeliveryTime = TimeSpan.FromMilliseconds(500);
        });
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receiver = queues.CreateReceiver(stream);
        var leasedAfter = await DatabaseNowAsync();
        var first = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));

        Assert.Empty(await queues.DequeueAsync(receiver));
        Assert.True(await VisibleOnAsync(first.MessageId) >= leasedAfter.AddSeconds(3), "A leased message must be invisible for the visibility timeout.");

        var redelivered = Assert.Single(await queues.DequeueUntilAnyAsync(receiver, "the redelivery after the visibility timeout", _waitLimit));
        var second = StreamQueueHarness.ReceiptOf(redelivered);
        Assert.Equal(["hello"], StreamQueueHarness.EventsOf([redelivered]));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.Attempt);
        Assert.NotEqual(first.Lease, second.Lease);
    }

    [Fact]
    public async Task Acknowledge_DeletesTheMessage_ButAStaleReceiptChangesNothing()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receiver = queues.CreateReceiver(stream);
        var stale = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        await queues.Leases.ReleaseAsync([stale], TimeSpan.Zero, TestContext.Current.CancellationToken);
        var current = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(0, await queues.Leases.AcknowledgeAsync([stale], ct));
        Assert.Equal(0, await queues.Leases.ExtendAsync([stale], TimeSpan.FromHours(1), ct));
        Assert.Equal(0, await queues.Leases.ReleaseAsync([stale], TimeSpan.Zero, ct));
        Assert.Equal(0, await queues.Leases.DeferAsync([stale], DateTimeOffset.UtcNow, ct));
        Assert.Equal(0, await queues.Leases.DeadLetterAsync([stale], "stale", ct));
        Assert.Equal(1, await CountMessagesAsync(queues.Name));

        Assert.Equal(1, await queues.Leases.AcknowledgeAsync([current], ct));
        Assert.Equal(0, await CountMessagesAsync(queues.Name));
    }

    [Fact]
    public async Task Leases_IgnoreReceiptsOfAnotherProvider()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receipt = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(queues.CreateReceiver(stream))));

        var foreign = receipt with { Provider = "someone-else" };

        Assert.Equal(0, await queues.Leases.AcknowledgeAsync([foreign], TestContext.Current.CancellationToken));
        Assert.Equal(1, await CountMessagesAsync(queues.Name));
    }

    [Fact]
    public async Task Release_CountsAnAttempt_AndHonoursItsDelay()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receiver = queues.CreateReceiver(stream);
        var first = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));

        Assert.Equal(1, await queues.Leases.ReleaseAsync([first], TimeSpan.Zero, TestContext.Current.CancellationToken));
        var second = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        Assert.Equal(2, second.Attempt);

        Assert.Equal(1, await queues.Leases.ReleaseAsync([second], TimeSpan.FromHours(1), TestContext.Current.CancellationToken));
        Assert.Empty(await queues.DequeueAsync(receiver));
        var visibleIn = await VisibleOnAsync(second.MessageId) - await DatabaseNowAsync();
        Assert.InRange(visibleIn, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Defer_DoesNotCountAnAttempt_AndHidesTheMessageUntilTheGivenTime()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receiver = queues.CreateReceiver(stream);
        var first = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        var until = new DateTimeOffset(2100, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal(1, await queues.Leases.DeferAsync([first], until, TestContext.Current.CancellationToken));
        Assert.Empty(await queues.DequeueAsync(receiver));
        Assert.Equal(until, await VisibleOnAsync(first.MessageId));

        Assert.Equal(1, await queues.Leases.DeferAsync([first], DateTimeOffset.UtcNow.AddSeconds(-1), TestContext.Current.CancellationToken));
        var second = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        Assert.Equal(1, second.Attempt);
        Assert.NotEqual(first.Lease, second.Lease);
    }

    [Fact]
    public async Task Extend_KeepsTheMessageInvisibleForTheGivenTime()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o =>
        {
            o.VisibilityTimeout = TimeSpan.FromSeconds(1);
            o.MaxDeliveryTime = TimeSpan.FromMilliseconds(500);
        });
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "hello");
        var receipt = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(queues.CreateReceiver(stream))));

        Assert.Equal(1, await queues.Leases.ExtendAsync([receipt], TimeSpan.FromHours(1), TestContext.Current.CancellationToken));

        var visibleIn = await VisibleOnAsync(receipt.MessageId) - await DatabaseNowAsync();
        Assert.InRange(visibleIn, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task MessagesDelivered_WithAcknowledgeOnDelivery_DeletesOnlyRowsStillUnderTheirLease()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "a");
        await queues.SendAsync(stream, "b");
        var receiver = queues.CreateReceiver(stream);
        var batch = await queues.DequeueAsync(receiver);
        var (a, b) = (batch[0], batch[1]);
        await queues.Leases.ReleaseAsync([StreamQueueHarness.ReceiptOf(b)], TimeSpan.Zero, TestContext.Current.CancellationToken);
        var bAgain = Assert.Single(await queues.DequeueAsync(receiver));

        await receiver.MessagesDeliveredAsync([a, b], TestContext.Current.CancellationToken);

        Assert.Equal(1, await CountMessagesAsync(queues.Name));
        await receiver.MessagesDeliveredAsync([bAgain], TestContext.Current.CancellationToken);
        Assert.Equal(0, await CountMessagesAsync(queues.Name));
    }

    [Fact]
    public async Task MessagesDelivered_WithoutAcknowledgeOnDelivery_LeavesTheMessagesToTheConsumer()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.AcknowledgeOnDelivery = false);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "a");
        var receiver = queues.CreateReceiver(stream);
        var batch = await queues.DequeueAsync(receiver);

        await receiver.MessagesDeliveredAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(1, await CountMessagesAsync(queues.Name));
        Assert.Equal(1, await queues.Leases.AcknowledgeAsync(StreamQueueHarness.ReceiptsOf(batch), TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountMessagesAsync(queues.Name));
    }

    [Fact]
    public async Task Shutdown_WithAcknowledgeOnDelivery_ReturnsUnacknowledgedMessagesWithoutCountingTheAttempt()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "acked");
        await queues.SendAsync(stream, "pending");
        var receiver = queues.CreateReceiver(stream);
        var batch = await queues.DequeueAsync(receiver);
        await receiver.MessagesDeliveredAsync([batch[0]], TestContext.Current.CancellationToken);

        await receiver.Shutdown(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var next = queues.CreateReceiver(stream);
        var returned = Assert.Single(await queues.DequeueAsync(next));
        Assert.Equal(["pending"], StreamQueueHarness.EventsOf([returned]));
        Assert.Equal(1, StreamQueueHarness.ReceiptOf(returned).Attempt);
    }

    [Fact]
    public async Task Shutdown_WithoutAcknowledgeOnDelivery_LeavesTheConsumersLeasesStanding()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.AcknowledgeOnDelivery = false);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "held");
        var receiver = queues.CreateReceiver(stream);
        Assert.Single(await queues.DequeueAsync(receiver));

        await receiver.Shutdown(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Empty(await queues.DequeueAsync(queues.CreateReceiver(stream)));
    }

    [Fact]
    public async Task DeliveryFailure_WithAcknowledgeOnDelivery_ReleasesTheMessageAsAnAttempt()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "poison");
        var receiver = queues.CreateReceiver(stream);
        var container = Assert.Single(await queues.DequeueAsync(receiver));
        var handler = await queues.Factory.GetDeliveryFailureHandler(queues.QueueOf(stream));

        await handler.OnDeliveryFailure(GuidId.GetNewGuidId(), queues.Name, stream, container.SequenceToken);

        Assert.False(handler.ShouldFaultSubsriptionOnError);
        var again = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        Assert.Equal(2, again.Attempt);
        var lastError = await QueueSql.ScalarAsync<string>(
            database.ConnectionString,
            "SELECT last_error FROM stream_queue_messages WHERE message_id = @id",
            new NpgsqlParameter("id", again.MessageId));
        Assert.Contains("delivery to subscription", lastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryFailure_WithoutAcknowledgeOnDelivery_LeavesTheLease()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.AcknowledgeOnDelivery = false);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "poison");
        var receiver = queues.CreateReceiver(stream);
        var container = Assert.Single(await queues.DequeueAsync(receiver));
        var handler = await queues.Factory.GetDeliveryFailureHandler(queues.QueueOf(stream));

        await handler.OnDeliveryFailure(GuidId.GetNewGuidId(), queues.Name, stream, container.SequenceToken);

        Assert.Empty(await queues.DequeueAsync(receiver));
    }

    private Task<long> CountMessagesAsync(string provider) =>
        QueueSql.ScalarAsync<long>(
            database.ConnectionString,
            "SELECT count(*) FROM stream_queue_messages WHERE provider = @provider",
            new NpgsqlParameter("provider", provider));

    private Task<DateTimeOffset> VisibleOnAsync(long messageId) =>
        QueueSql.ScalarAsync<DateTimeOffset>(
            database.ConnectionString,
            "SELECT visible_on FROM stream_queue_messages WHERE message_id = @id",
            new NpgsqlParameter("id", messageId));

    private Task<DateTimeOffset> DatabaseNowAsync() =>
        QueueSql.ScalarAsync<DateTimeOffset>(database.ConnectionString, "SELECT now()");
}

using PostgresStreams;
using Npgsql;

namespace PostgresStreams.Tests;

public sealed class PostgresQueueDeadLetterTests(StreamQueueDatabaseFixture database) : IClassFixture<StreamQueueDatabaseFixture>
{
    [Fact]
    public async Task MessageThatUsedItsAttempts_MovesToTheDeadLettersOnTheNextDequeue()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.MaxAttempts = 2);
        var stream = StreamQueueHarness.NewStream("dead-letter-tests");
        await queues.SendAsync(stream, "poison", 42);
        var receiver = queues.CreateReceiver(stream);
        var ct = TestContext.Current.CancellationToken;

        var first = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        await queues.Leases.ReleaseAsync([first], TimeSpan.Zero, ct);
        var second = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(receiver)));
        Assert.Equal(2, second.Attempt);
        await queues.Leases.ReleaseAsync([second], TimeSpan.Zero, ct);

        Assert.Empty(await queues.DequeueAsync(receiver));

        var deadLetter = Assert.Single(await queues.Admin.GetDeadLettersAsync(cancellationToken: ct));
        Assert.Equal(first.MessageId, deadLetter.MessageId);
        Assert.Equal(first.QueueId, deadLetter.QueueId);
        Assert.Equal("dead-letter-tests", deadLetter.StreamNamespace);
        Assert.Equal(stream.GetKeyAsString(), deadLetter.StreamKey);
        Assert.Equal(2, deadLetter.Attempts);
        Assert.Equal("attempts exhausted", deadLetter.Reason);
        Assert.Equal(["poison", 42], deadLetter.Events);
        Assert.Null(deadLetter.DecodeError);
        Assert.True(deadLetter.DeadOn >= deadLetter.EnqueuedOn);
    }

    [Fact]
    public async Task ConsumerDeadLetter_MovesTheMessageWithItsReason()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "unprocessable");
        var receipt = StreamQueueHarness.ReceiptOf(Assert.Single(await queues.DequeueAsync(queues.CreateReceiver(stream))));

        Assert.Equal(1, await queues.Leases.DeadLetterAsync([receipt], "profile id is invalid", TestContext.Current.CancellationToken));

        var deadLetter = Assert.Single(await queues.Admin.GetDeadLettersAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("profile id is invalid", deadLetter.Reason);
        Assert.Equal(1, deadLetter.Attempts);
    }

    [Fact]
    public async Task GetDeadLetters_PagesByMessageId()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        for (var i = 0; i < 5; i++)
        {
            await queues.SendAsync(stream, i);
        }

        var receipts = StreamQueueHarness.ReceiptsOf(await queues.DequeueAsync(queues.CreateReceiver(stream)));
        await queues.Leases.DeadLetterAsync(receipts, "test", TestContext.Current.CancellationToken);

        var firstPage = await queues.Admin.GetDeadLettersAsync(limit: 3, cancellationToken: TestContext.Current.CancellationToken);
        var secondPage = await queues.Admin.GetDeadLettersAsync(firstPage[^1].MessageId, 3, TestContext.Current.CancellationToken);

        Assert.Equal(receipts.Select(r => r.MessageId), firstPage.Concat(secondPage).Select(d => d.MessageId));
        Assert.Equal(2, secondPage.Count);
    }

    [Fact]
    public async Task RetryDeadLetters_ReturnsThemToTheirQueueUnderTheirIdWithNoAttempts()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "a");
        await queues.SendAsync(stream, "b");
        var receiver = queues.CreateReceiver(stream);
        var receipts = StreamQueueHarness.ReceiptsOf(await queues.DequeueAsync(receiver));
        var ct = TestContext.Current.CancellationToken;
        await queues.Leases.DeadLetterAsync(receipts, "test", ct);

        Assert.Equal(1, await queues.Admin.RetryDeadLettersAsync([receipts[1].MessageId, 999_999_999], ct));

        var retried = Assert.Single(await queues.DequeueAsync(receiver));
        Assert.Equal(["b"], StreamQueueHarness.EventsOf([retried]));
        Assert.Equal(receipts[1].MessageId, StreamQueueHarness.ReceiptOf(retried).MessageId);
        Assert.Equal(1, StreamQueueHarness.ReceiptOf(retried).Attempt);

        Assert.Equal(1, await queues.Admin.RetryAllDeadLettersAsync(ct));
        Assert.Equal(["a"], StreamQueueHarness.EventsOf(await queues.DequeueAsync(receiver)));
        Assert.Empty(await queues.Admin.GetDeadLettersAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task Polling_DeletesDeadLettersOlderThanTheRetention()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o =>
        {
            o.DeadLetterRetention = TimeSpan.FromDays(7);
            o.CleanupInterval = TimeSpan.FromMilliseconds(100);
        });
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "old");
        await queues.SendAsync(stream, "recent");
        var receiver = queues.CreateReceiver(stream);
        var receipts = StreamQueueHarness.ReceiptsOf(await queues.DequeueAsync(receiver));
        await queues.Leases.DeadLetterAsync(receipts, "test", TestContext.Current.CancellationToken);
        await QueueSql.ExecuteAsync(
            database.ConnectionString,
            "UPDATE stream_queue_dead_letters SET dead_on = now() - interval '8 days' WHERE message_id = @id",
            new NpgsqlParameter("id", receipts[0].MessageId));

        // Receivers clean up on their polls, at most once per CleanupInterval.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        IReadOnlyList<PostgresStreamDeadLetter> remaining;
        while ((remaining = await queues.Admin.GetDeadLettersAsync(cancellationToken: TestContext.Current.CancellationToken)).Count > 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for a poll to delete the expired dead letter.");
            await queues.DequeueAsync(receiver);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal([receipts[1].MessageId], remaining.Select(d => d.MessageId));
    }

    [Fact]
    public async Task DeleteExpiredDeadLetters_KeepsThoseWithinTheRetention()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString, o => o.DeadLetterRetention = TimeSpan.FromHours(1));
        var stream = StreamQueueHarness.NewStream();
        await queues.SendAsync(stream, "a");
        await queues.SendAsync(stream, "b");
        var receipts = StreamQueueHarness.ReceiptsOf(await queues.DequeueAsync(queues.CreateReceiver(stream)));
        await queues.Leases.DeadLetterAsync(receipts, "test", TestContext.Current.CancellationToken);
        await QueueSql.ExecuteAsync(
            database.ConnectionString,
            "UPDATE stream_queue_dead_letters SET dead_on = now() - interval '61 minutes' WHERE message_id = @id",
            new NpgsqlParameter("id", receipts[1].MessageId));

        Assert.Equal(1, await queues.Admin.DeleteExpiredDeadLettersAsync(TestContext.Current.CancellationToken));

        var remaining = await queues.Admin.GetDeadLettersAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([receipts[0].MessageId], remaining.Select(d => d.MessageId));
    }

    [Fact]
    public async Task UndecodablePayload_IsDeadLetteredInsteadOfDelivered()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var stream = StreamQueueHarness.NewStream();
        await QueueSql.ExecuteAsync(
            database.ConnectionString,
            "INSERT INTO stream_queue_messages (provider, queue_id, stream_key, payload) VALUES (@provider, @queue, 'x', '\\x00ff00ff'::bytea)",
            new NpgsqlParameter("provider", queues.Name),
            new NpgsqlParameter("queue", queues.QueueOf(stream).ToString()));
        await queues.SendAsync(stream, "fine");

        var delivered = await queues.DequeueAsync(queues.CreateReceiver(stream));

        Assert.Equal(["fine"], StreamQueueHarness.EventsOf(delivered));
        var deadLetter = Assert.Single(await queues.Admin.GetDeadLettersAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith("payload could not be decoded", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Empty(deadLetter.Events);
        Assert.NotNull(deadLetter.DecodeError);
    }

    [Fact]
    public async Task Statistics_CountReadyInFlightAndDeadLetters()
    {
        await using var queues = await StreamQueueHarness.CreateAsync(database.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(
            new PostgresStreamQueueStatistics { Provider = queues.Name, Ready = 0, InFlight = 0, DeadLetters = 0, OldestReadyAge = null },
            await queues.Admin.GetStatisticsAsync(ct));

        var stream = StreamQueueHarness.NewStream();
        for (var i = 0; i < 4; i++)
        {
            await queues.SendAsync(stream, i);
        }

        var receipts = StreamQueueHarness.ReceiptsOf(await queues.DequeueAsync(queues.CreateReceiver(stream), maxCount: 2));
        await queues.Leases.DeadLetterAsync([receipts[0]], "test", ct);
        await QueueSql.ExecuteAsync(
            database.ConnectionString,
            "UPDATE stream_queue_messages SET enqueued_on = now() - interval '1 hour' WHERE provider = @provider AND lease IS NULL",
            new NpgsqlParameter("provider", queues.Name));

        var statistics = await queues.Admin.GetStatisticsAsync(ct);

        Assert.Equal(2, statistics.Ready);
        Assert.Equal(1, statistics.InFlight);
        Assert.Equal(1, statistics.DeadLetters);
        Assert.NotNull(statistics.OldestReadyAge);
        Assert.InRange(statistics.OldestReadyAge.Value, TimeSpan.FromHours(1), TimeSpan.FromHours(1.1));
    }
}

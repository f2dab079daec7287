using Npgsql;

namespace PostgresStreams;

/// <summary>One message a dequeue leased: its receipt and its payload.</summary>
internal sealed record DequeuedMessage(PostgresQueueReceipt Receipt, byte[] Payload, DateTimeOffset EnqueuedOn);

/// <summary>Leases the next visible messages of a queue.</summary>
internal sealed class PostgresQueueReader(NpgsqlDataSource dataSource, PostgresStreamTables tables)
{
    public const string AttemptsExhausted = "attempts exhausted";

    // One statement, one snapshot, decided on the database clock:
    //  1. visible messages that have used all their attempts move to the dead letters;
    //  2. up to @max_count other visible messages, oldest id first, are leased: an attempt is
    //     counted, they become invisible for the visibility timeout and get a new lease.
    // SKIP LOCKED leaves rows a consumer is acknowledging (or another receiver is leasing during a
    // queue hand-over) for the next poll instead of waiting for them. UPDATE ... RETURNING has no
    // defined order, so the caller sorts by id.
    private const string DequeueSql = """
        WITH exhausted AS (
            SELECT message_id
            FROM {messages}
            WHERE provider = @provider AND queue_id = @queue_id
              AND attempts >= @max_attempts AND visible_on <= now()
            ORDER BY message_id
            LIMIT @max_count
            FOR UPDATE SKIP LOCKED
        ),
        dead AS (
            DELETE FROM {messages} m
            USING exhausted e
            WHERE m.message_id = e.message_id
            RETURNING m.message_id, m.provider, m.queue_id, m.stream_namespace, m.stream_key, m.payload,
                      m.attempts, m.enqueued_on, m.last_error
        ),
        buried AS (
            INSERT INTO {dead_letters}
                (message_id, provider, queue_id, stream_namespace, stream_key, payload, attempts,
                 enqueued_on, last_error, dead_on, reason)
            SELECT message_id, provider, queue_id, stream_namespace, stream_key, payload, attempts,
                   enqueued_on, last_error, now(), @exhausted_reason
            FROM dead
        ),
        picked AS (
            SELECT message_id
            FROM {messages}
            WHERE provider = @provider AND queue_id = @queue_id
              AND attempts < @max_attempts AND visible_on <= now()
            ORDER BY message_id
            LIMIT @max_count
            FOR UPDATE SKIP LOCKED
        )
        UPDATE {messages} m
        SET attempts = m.attempts + 1,
            visible_on = now() + @visibility_timeout,
            lease = nextval('{lease_seq}')
        FROM picked p
        WHERE m.message_id = p.message_id
        RETURNING m.message_id, m.attempts, m.lease, m.payload, m.enqueued_on
        """;

    private readonly string _dequeueSql = tables.Apply(DequeueSql);

    /// <summary>Leases up to <paramref name="maxCount"/> messages, returned in id order.</summary>
    public async Task<IReadOnlyList<DequeuedMessage>> DequeueAsync(
        string provider,
        string queueId,
        int maxCount,
        int maxAttempts,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(_dequeueSql);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue_id", queueId);
        command.Parameters.AddWithValue("max_count", maxCount);
        command.Parameters.AddWithValue("max_attempts", maxAttempts);
        command.Parameters.AddWithValue("visibility_timeout", visibilityTimeout);
        command.Parameters.AddWithValue("exhausted_reason", AttemptsExhausted);

        var messages = new List<DequeuedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var receipt = new PostgresQueueReceipt
            {
                Provider = provider,
                QueueId = queueId,
                MessageId = reader.GetInt64(0),
                Attempt = reader.GetInt32(1),
                Lease = reader.GetInt64(2),
            };
            messages.Add(new DequeuedMessage(receipt, reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        messages.Sort((left, right) => left.Receipt.MessageId.CompareTo(right.Receipt.MessageId));
        return messages;
    }
}

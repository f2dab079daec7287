using Npgsql;

namespace PostgresStreams;

/// <summary>Appends messages to a queue, durably and in commit order.</summary>
internal sealed class PostgresQueueWriter(NpgsqlDataSource dataSource, PostgresStreamTables tables)
{
    // First key of the two-key advisory lock space; the second is a hash of provider and queue. Two-key
    // advisory locks never collide with one-key locks. The value must stay: hosts of two versions
    // writing one queue during a rolling upgrade must take the same lock.
    private const int AdvisoryLockSpace = 0x4A42_5351;

    private const string LockSql = "SELECT pg_advisory_xact_lock(@lock_space, hashtext(@provider || '/' || @queue_id))";

    private const string InsertSql = """
        INSERT INTO {messages} (provider, queue_id, stream_namespace, stream_key, payload)
        VALUES (@provider, @queue_id, @stream_namespace, @stream_key, @payload)
        RETURNING message_id
        """;

    private readonly string _insertSql = tables.Apply(InsertSql);

    /// <summary>Inserts one message and returns its id once it is committed.</summary>
    public async Task<long> EnqueueAsync(
        string provider,
        string queueId,
        string? streamNamespace,
        string streamKey,
        byte[] payload,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The lock is held until commit, so producers of one queue draw ids and commit one after
        // the other: a reader can never see id N+1 committed while N is still to come.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockSql)
                {
                    Parameters =
                    {
                        new("lock_space", AdvisoryLockSpace),
                        new("provider", provider),
                        new("queue_id", queueId),
                    },
                },
                new NpgsqlBatchCommand(_insertSql)
                {
                    Parameters =
                    {
                        new("provider", provider),
                        new("queue_id", queueId),
                        new("stream_namespace", (object?)streamNamespace ?? DBNull.Value),
                        new("stream_key", streamKey),
                        new("payload", payload),
                    },
                },
            },
        };

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var messageId = reader.GetInt64(0);
        await reader.CloseAsync();

        await transaction.CommitAsync(cancellationToken);
        return messageId;
    }
}

using Npgsql;

namespace PostgresStreams;

/// <summary>
/// Acts on leased messages of one provider by their receipts. Each statement matches a row only
/// while its lease is the receipt's, so a receipt from an earlier delivery changes nothing.
/// </summary>
internal sealed class PostgresStreamMessageLeases(string provider, NpgsqlDataSource dataSource, PostgresStreamTables tables) : IStreamMessageLeases
{
    private const string MatchReceipts = """
        FROM unnest(@message_ids, @leases) AS r(message_id, lease)
        WHERE m.provider = @provider AND m.message_id = r.message_id AND m.lease = r.lease
        """;

    private const string AcknowledgeSql = """
        DELETE FROM {messages} m
        USING unnest(@message_ids, @leases) AS r(message_id, lease)
        WHERE m.provider = @provider AND m.message_id = r.message_id AND m.lease = r.lease
        """;

    private const string ExtendSql = $$"""
        UPDATE {messages} m
        SET visible_on = now() + @delay
        {{MatchReceipts}}
        """;

    // The dequeue that handed the message out counted an attempt; a deferral takes it back.
    private const string DeferSql = $$"""
        UPDATE {messages} m
        SET visible_on = @until, attempts = greatest(m.attempts - 1, 0)
        {{MatchReceipts}}
        """;

    private const string ReleaseSql = $$"""
        UPDATE {messages} m
        SET visible_on = now() + @delay, last_error = coalesce(@last_error, m.last_error)
        {{MatchReceipts}}
        """;

    // Only rows still invisible: one a consumer released or deferred in the meantime keeps that.
    private const string ReturnUnstartedSql = $$"""
        UPDATE {messages} m
        SET visible_on = now(), attempts = greatest(m.attempts - 1, 0)
        {{MatchReceipts}}
          AND m.visible_on > now()
        """;

    private const string DeadLetterSql = """
        WITH dead AS (
            DELETE FROM {messages} m
            USING unnest(@message_ids, @leases) AS r(message_id, lease)
            WHERE m.provider = @provider AND m.message_id = r.message_id AND m.lease = r.lease
            RETURNING m.message_id, m.provider, m.queue_id, m.stream_namespace, m.stream_key, m.payload,
                      m.attempts, m.enqueued_on, m.last_error
        )
        INSERT INTO {dead_letters}
            (message_id, provider, queue_id, stream_namespace, stream_key, payload, attempts,
             enqueued_on, last_error, dead_on, reason)
        SELECT message_id, provider, queue_id, stream_namespace, stream_key, payload, attempts,
               enqueued_on, last_error, now(), @reason
        FROM dead
        """;

    public Task<int> AcknowledgeAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, CancellationToken cancellationToken = default) =>
        ExecuteAsync(AcknowledgeSql, receipts, static _ => { }, cancellationToken);

    public Task<int> ExtendAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, TimeSpan visibleAfter, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibleAfter, TimeSpan.Zero);
        return ExecuteAsync(ExtendSql, receipts, p => p.AddWithValue("delay", visibleAfter), cancellationToken);
    }

    public Task<int> DeferAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        ExecuteAsync(DeferSql, receipts, p => p.AddWithValue("until", until.ToUniversalTime()), cancellationToken);

    public Task<int> ReleaseAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, TimeSpan delay, CancellationToken cancellationToken = default) =>
        ReleaseAsync(receipts, delay, lastError: null, cancellationToken);

    /// <summary><see cref="ReleaseAsync(IReadOnlyCollection{PostgresQueueReceipt}, TimeSpan, CancellationToken)"/>, recording why.</summary>
    public Task<int> ReleaseAsync(
        IReadOnlyCollection<PostgresQueueReceipt> receipts,
        TimeSpan delay,
        string? lastError,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return ExecuteAsync(
            ReleaseSql,
            receipts,
            p =>
            {
                p.AddWithValue("delay", delay);
                p.Add(new NpgsqlParameter<string?>("last_error", lastError) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            },
            cancellationToken);
    }

    public Task<int> DeadLetterAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return ExecuteAsync(DeadLetterSql, receipts, p => p.AddWithValue("reason", reason), cancellationToken);
    }

    /// <summary>
    /// Makes messages a receiver leased but did not see acknowledged visible again at once, without
    /// counting the attempt (a queue moving to another silo is not the message's fault).
    /// </summary>
    public Task<int> ReturnUnstartedAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ReturnUnstartedSql, receipts, static _ => { }, cancellationToken);

    private async Task<int> ExecuteAsync(
        string sql,
        IReadOnlyCollection<PostgresQueueReceipt> receipts,
        Action<NpgsqlParameterCollection> addParameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var mine = receipts.Where(receipt => receipt.Provider == provider).ToList();
        if (mine.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(tables.Apply(sql));
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("message_ids", mine.Select(receipt => receipt.MessageId).ToArray());
        command.Parameters.AddWithValue("leases", mine.Select(receipt => receipt.Lease).ToArray());
        addParameters(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using Npgsql;

namespace PostgresStreams;

/// <summary>
/// Operations on one PostgreSQL stream provider's queues: statistics, dead letters (list, retry)
/// and dead-letter retention. Registered as a keyed singleton under the provider's name.
/// </summary>
public sealed class PostgresStreamQueueAdmin
{
    public const int MaxPageSize = 1000;

    private const string StatisticsSql = """
        SELECT count(*) FILTER (WHERE visible_on <= now()),
               count(*) FILTER (WHERE visible_on > now()),
               now() - min(enqueued_on) FILTER (WHERE visible_on <= now()),
               (SELECT count(*) FROM {dead_letters} WHERE provider = @provider)
        FROM {messages}
        WHERE provider = @provider
        """;

    private const string DeadLettersSql = """
        SELECT message_id, queue_id, stream_namespace, stream_key, attempts, enqueued_on, dead_on, reason,
               last_error, payload
        FROM {dead_letters}
        WHERE provider = @provider AND message_id > @after
        ORDER BY message_id
        LIMIT @limit
        """;

    // A retried message starts over: no attempts, visible now, under its original id (so it goes
    // ahead of messages queued after it) and in its original queue.
    private const string RetrySql = """
        WITH retried AS (
            DELETE FROM {dead_letters}
            WHERE provider = @provider AND (@all OR message_id = ANY(@message_ids))
            RETURNING message_id, provider, queue_id, stream_namespace, stream_key, payload, enqueued_on, last_error
        )
        INSERT INTO {messages}
            (message_id, provider, queue_id, stream_namespace, stream_key, payload, attempts, lease,
             visible_on, enqueued_on, last_error)
        SELECT message_id, provider, queue_id, stream_namespace, stream_key, payload, 0, NULL,
               now(), enqueued_on, last_error
        FROM retried
        """;

    private const string DeleteExpiredSql = """
        DELETE FROM {dead_letters}
        WHERE provider = @provider AND dead_on < now() - @retention
        """;

    private readonly string _provider;
    private readonly PostgresStreamTables _tables;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStreamPayloadCodec _codec;
    private readonly PostgresStreamOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private long _nextCleanupTimestamp;
    private int _cleanupRunning;

    internal PostgresStreamQueueAdmin(
        string provider,
        NpgsqlDataSource dataSource,
        PostgresStreamTables tables,
        PostgresStreamPayloadCodec codec,
        PostgresStreamOptions options,
        TimeProvider timeProvider,
        ILogger<PostgresStreamQueueAdmin> logger)
    {
        _provider = provider;
        _tables = tables;
        _dataSource = dataSource;
        _codec = codec;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _nextCleanupTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>The provider's message counts and the age of its oldest ready message.</summary>
    public async Task<PostgresStreamQueueStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_tables.Apply(StatisticsSql));
        command.Parameters.AddWithValue("provider", _provider);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PostgresStreamQueueStatistics
        {
            Provider = _provider,
            Ready = reader.GetInt64(0),
            InFlight = reader.GetInt64(1),
            OldestReadyAge = reader.IsDBNull(2) ? null : reader.GetFieldValue<TimeSpan>(2),
            DeadLetters = reader.GetInt64(3),
        };
    }

    /// <summary>
    /// Up to <paramref name="limit"/> dead letters with ids greater than <paramref name="afterMessageId"/>,
    /// in id order; pass the last id of a page to get the next one.
    /// </summary>
    public async Task<IReadOnlyList<PostgresStreamDeadLetter>> GetDeadLettersAsync(
        long? afterMessageId = null,
        int limit = 100,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);

        await using var command = _dataSource.CreateCommand(_tables.Apply(DeadLettersSql));
        command.Parameters.AddWithValue("provider", _provider);
        command.Parameters.AddWithValue("after", afterMessageId ?? 0L);
        command.Parameters.AddWithValue("limit", limit);

        var deadLetters = new List<PostgresStreamDeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (events, decodeError) = Decode(reader.GetFieldValue<byte[]>(9));
            deadLetters.Add(new PostgresStreamDeadLetter
            {
                MessageId = reader.GetInt64(0),
                QueueId = reader.GetString(1),
                StreamNamespace = reader.IsDBNull(2) ? null : reader.GetString(2),
                StreamKey = reader.GetString(3),
                Attempts = reader.GetInt32(4),
                EnqueuedOn = reader.GetFieldValue<DateTimeOffset>(5),
                DeadOn = reader.GetFieldValue<DateTimeOffset>(6),
                Reason = reader.GetString(7),
                LastError = reader.IsDBNull(8) ? null : reader.GetString(8),
                Events = events,
                DecodeError = decodeError,
            });
        }

        return deadLetters;
    }

    /// <summary>Moves the given dead letters back to their queues; returns how many moved (unknown ids are ignored).</summary>
    public Task<int> RetryDeadLettersAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return messageIds.Count == 0 ? Task.FromResult(0) : RetryAsync(all: false, [.. messageIds], cancellationToken);
    }

    /// <summary>Moves every dead letter of the provider back to its queue; returns how many moved.</summary>
    public Task<int> RetryAllDeadLettersAsync(CancellationToken cancellationToken = default) =>
        RetryAsync(all: true, [], cancellationToken);

    /// <summary>Deletes dead letters older than <see cref="PostgresStreamOptions.DeadLetterRetention"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_tables.Apply(DeleteExpiredSql));
        command.Parameters.AddWithValue("provider", _provider);
        command.Parameters.AddWithValue("retention", _options.DeadLetterRetention);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        if (deleted > 0)
        {
            PostgresStreamLog.DeadLettersExpired(_logger, _provider, deleted);
        }

        return deleted;
    }

    /// <summary>
    /// Runs <see cref="DeleteExpiredDeadLettersAsync"/> if <see cref="PostgresStreamOptions.CleanupInterval"/>
    /// has passed since this silo last did; receivers call it on every poll. Never throws.
    /// </summary>
    internal async Task DeleteExpiredDeadLettersIfDueAsync(CancellationToken cancellationToken)
    {
        if (_timeProvider.GetTimestamp() < Volatile.Read(ref _nextCleanupTimestamp)
            || Interlocked.Exchange(ref _cleanupRunning, 1) == 1)
        {
            return;
        }

        try
        {
            await DeleteExpiredDeadLettersAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            PostgresStreamLog.CleanupFailed(_logger, exception, _provider);
        }
        finally
        {
            var interval = (long)(_options.CleanupInterval.TotalSeconds * _timeProvider.TimestampFrequency);
            Volatile.Write(ref _nextCleanupTimestamp, _timeProvider.GetTimestamp() + interval);
            Volatile.Write(ref _cleanupRunning, 0);
        }
    }

    private async Task<int> RetryAsync(bool all, long[] messageIds, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_tables.Apply(RetrySql));
        command.Parameters.AddWithValue("provider", _provider);
        command.Parameters.AddWithValue("all", all);
        command.Parameters.AddWithValue("message_ids", messageIds);
        var retried = await command.ExecuteNonQueryAsync(cancellationToken);
        PostgresStreamLog.DeadLettersRetried(_logger, _provider, retried);
        return retried;
    }

    private (IReadOnlyList<object> Events, string? Error) Decode(byte[] payload)
    {
        try
        {
            return (_codec.Decode(payload).Events, null);
        }
        catch (Exception exception)
        {
            return ([], $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}

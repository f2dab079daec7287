namespace PostgresStreams;

/// <summary>The PostgreSQL stream provider's log messages. Payloads are never logged.</summary>
internal static partial class PostgresStreamLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} dead-lettered message {MessageId} of queue {QueueId}: its payload could not be decoded")]
    public static partial void UndecodableMessage(ILogger logger, Exception exception, string provider, long messageId, string queueId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} could not deliver message {MessageId} (attempt {Attempt}) of stream {StreamId} to subscription {SubscriptionId}; released it for another attempt")]
    public static partial void DeliveryFailed(ILogger logger, string provider, long messageId, int attempt, StreamId streamId, Guid subscriptionId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Stream provider {Provider} returned {Count} unacknowledged messages of queue {QueueId} on shutdown")]
    public static partial void ReturnedOnShutdown(ILogger logger, string provider, int count, string queueId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Stream provider {Provider} deleted {Count} expired dead letters")]
    public static partial void DeadLettersExpired(ILogger logger, string provider, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Stream provider {Provider} moved {Count} dead letters back to their queues")]
    public static partial void DeadLettersRetried(ILogger logger, string provider, int count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} could not delete expired dead letters; it will try again")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string provider);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} could not release message {MessageId} after a failed delivery; it becomes visible again after the visibility timeout")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string provider, long messageId);
}

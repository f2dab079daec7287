namespace PostgresStreams;

/// <summary>A message that was given up on, as operators see it.</summary>
public sealed record PostgresStreamDeadLetter
{
    /// <summary>The message's id; it keeps it when retried. Dead letters are paged by it.</summary>
    public required long MessageId { get; init; }

    public required string QueueId { get; init; }

    public required string? StreamNamespace { get; init; }

    public required string StreamKey { get; init; }

    /// <summary>How many times the message was dequeued.</summary>
    public required int Attempts { get; init; }

    public required DateTimeOffset EnqueuedOn { get; init; }

    public required DateTimeOffset DeadOn { get; init; }

    /// <summary>Why it was given up on, e.g. <c>attempts exhausted</c> or a consumer's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>The last delivery failure recorded for it, if any.</summary>
    public required string? LastError { get; init; }

    /// <summary>The message's events; empty when they could not be decoded (see <see cref="DecodeError"/>).</summary>
    public required IReadOnlyList<object> Events { get; init; }

    /// <summary>Why the events could not be decoded (e.g. an event type no longer exists), or null.</summary>
    public string? DecodeError { get; init; }
}

namespace PostgresStreams;

/// <summary>How full one stream provider's queues are, measured on the database clock.</summary>
public sealed record PostgresStreamQueueStatistics
{
    public required string Provider { get; init; }

    /// <summary>Messages visible now, waiting for a dequeue.</summary>
    public required long Ready { get; init; }

    /// <summary>Messages invisible now: leased and being delivered, or deferred or released with a delay.</summary>
    public required long InFlight { get; init; }

    public required long DeadLetters { get; init; }

    /// <summary>How long the oldest ready message has been queued, or null when none is ready.</summary>
    public required TimeSpan? OldestReadyAge { get; init; }
}

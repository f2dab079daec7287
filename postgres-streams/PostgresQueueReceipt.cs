namespace PostgresStreams;

/// <summary>
/// Proof that a consumer holds one dequeued message of a PostgreSQL stream queue: the lease is
/// renewed on every dequeue, so a receipt from an earlier delivery can no longer acknowledge,
/// extend, defer or release the message.
/// </summary>
// The alias keeps the name it had before this project existed: batch containers, tokens and receipts
// travel between silos in delivery calls, and during a rolling upgrade a silo of the previous version
// must still read them. Renaming it is a breaking change for mixed-version clusters.
[GenerateSerializer, Immutable, Alias("Juicebox.PostgresQueueReceipt")]
public sealed record class PostgresQueueReceipt
{
    /// <summary>The stream provider's name.</summary>
    [Id(0)] public required string Provider { get; init; }

    [Id(1)] public required string QueueId { get; init; }

    [Id(2)] public required long MessageId { get; init; }

    /// <summary>Changes on every dequeue of the message.</summary>
    [Id(3)] public required long Lease { get; init; }

    /// <summary>How many times the message has been dequeued, this delivery included.</summary>
    [Id(4)] public required int Attempt { get; init; }
}

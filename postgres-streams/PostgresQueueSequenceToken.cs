using Orleans.Providers.Streams.Common;

namespace PostgresStreams;

/// <summary>
/// The sequence token of an event read from a PostgreSQL stream queue. It carries the
/// <see cref="Receipt"/> of the message the event came in, so a consumer that acknowledges its own
/// messages can do so.
/// </summary>
// The alias keeps the name it had before this project existed: batch containers, tokens and receipts
// travel between silos in delivery calls, and during a rolling upgrade a silo of the previous version
// must still read them. Renaming it is a breaking change for mixed-version clusters.
[GenerateSerializer, Alias("Juicebox.PostgresQueueSequenceToken")]
public sealed class PostgresQueueSequenceToken : EventSequenceTokenV2
{
    public PostgresQueueSequenceToken(long sequenceNumber, int eventIndex, PostgresQueueReceipt receipt)
        : base(sequenceNumber, eventIndex)
    {
        Receipt = receipt;
    }

    [Id(0)] public PostgresQueueReceipt Receipt { get; private set; }
}

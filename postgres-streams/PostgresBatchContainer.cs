using Orleans.Streams;

namespace PostgresStreams;

/// <summary>
/// One dequeued message as Orleans caches and delivers it. Every event's token is a
/// <see cref="PostgresQueueSequenceToken"/> carrying the message's receipt.
/// </summary>
// The alias keeps the name it had before this project existed: batch containers, tokens and receipts
// travel between silos in delivery calls, and during a rolling upgrade a silo of the previous version
// must still read them. Renaming it is a breaking change for mixed-version clusters.
[GenerateSerializer, Alias("Juicebox.PostgresBatchContainer")]
internal sealed class PostgresBatchContainer : IBatchContainer
{
    public PostgresBatchContainer(
        StreamId streamId,
        List<object> events,
        Dictionary<string, object>? requestContext,
        PostgresQueueSequenceToken token)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        Token = token;
    }

    [Id(0)] public StreamId StreamId { get; private set; }

    [Id(1)] public List<object> Events { get; private set; }

    [Id(2)] public Dictionary<string, object>? RequestContext { get; private set; }

    [Id(3)] public PostgresQueueSequenceToken Token { get; private set; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The receipt of the queue message these events came in.</summary>
    public PostgresQueueReceipt Receipt => Token.Receipt;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        // The event index counts every event of the batch, not only those of type T, so a token
        // names the same event whichever type a subscriber asks for.
        for (var index = 0; index < Events.Count; index++)
        {
            if (Events[index] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(
                    item, new PostgresQueueSequenceToken(Token.SequenceNumber, index, Token.Receipt));
            }
        }
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is not { Count: > 0 })
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() =>
        $"[PostgresBatchContainer: Stream={StreamId}, Message={Receipt.MessageId}, Attempt={Receipt.Attempt}, Events={Events.Count}]";
}

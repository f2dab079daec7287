using Orleans.Streams;

namespace PostgresStreams;

/// <summary>
/// Writes produced batches to their stream's queue and creates the receivers that read queues.
/// Not rewindable: the queues only hold undelivered messages.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    IStreamQueueMapper mapper,
    PostgresQueueWriter writer,
    PostgresStreamPayloadCodec codec,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);

    /// <summary>Completes once the batch is committed to its queue.</summary>
    public async Task QueueMessageBatchAsync<T>(
        StreamId streamId,
        IEnumerable<T> events,
        StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException(
                $"Stream provider '{name}' assigns sequence tokens itself and does not accept one from the producer.",
                nameof(token));
        }

        var envelope = new PostgresStreamEnvelope
        {
            StreamId = streamId,
            Events = events.Cast<object>().ToList(),
            RequestContext = requestContext is { Count: > 0 } ? requestContext : null,
        };
        var queueId = mapper.GetQueueForStream(streamId);
        await writer.EnqueueAsync(
            name,
            queueId.ToString(),
            streamId.GetNamespace(),
            streamId.GetKeyAsString(),
            codec.Encode(envelope),
            CancellationToken.None);
    }
}

using Orleans.Streams;

namespace PostgresStreams;

/// <summary>
/// Reads one queue for its pulling agent. The agent calls it one operation at a time.
/// </summary>
internal sealed class PostgresQueueAdapterReceiver(
    string provider,
    QueueId queueId,
    PostgresQueueReader reader,
    PostgresStreamMessageLeases leases,
    PostgresStreamPayloadCodec codec,
    PostgresStreamQueueAdmin admin,
    PostgresStreamOptions options,
    TimeProvider timeProvider,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly string _queueId = queueId.ToString();

    // Messages leased and not yet acknowledged (AcknowledgeOnDelivery only), with when they were
    // leased: what Shutdown hands back. An entry older than the visibility timeout is dropped, as
    // its lease no longer keeps the message from other receivers anyway.
    private readonly Dictionary<long, (PostgresQueueReceipt Receipt, long LeasedAt)> _unacknowledged = [];

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) =>
        GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        await admin.DeleteExpiredDeadLettersIfDueAsync(cancellationToken);

        var count = maxCount <= 0 ? options.BatchSize : Math.Min(maxCount, options.BatchSize);
        var messages = await reader.DequeueAsync(
            provider, _queueId, count, options.MaxAttempts, options.VisibilityTimeout, cancellationToken);
        if (messages.Count == 0)
        {
            return [];
        }

        // Tokens must grow in the order this receiver returns messages: the pulling agent's cache
        // positions cursors by token, and a redelivered message keeps its old id, so ids would go
        // backwards. Every lease of this dequeue was drawn from one database sequence after every
        // lease of this receiver's previous dequeue, so the smallest lease plus the message's index
        // grows from one dequeue to the next (n leases span at least n values), and it keeps
        // growing when another silo's receiver takes the queue over.
        var firstSequenceNumber = messages.Min(message => message.Receipt.Lease);
        var now = timeProvider.GetTimestamp();
        var containers = new List<IBatchContainer>(messages.Count);
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            PostgresStreamEnvelope envelope;
            try
            {
                envelope = codec.Decode(message.Payload);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                PostgresStreamLog.UndecodableMessage(logger, exception, provider, message.Receipt.MessageId, _queueId);
                await leases.DeadLetterAsync(
                    [message.Receipt], $"payload could not be decoded: {exception.GetType().Name}", cancellationToken);
                continue;
            }

            var token = new PostgresQueueSequenceToken(firstSequenceNumber + index, 0, message.Receipt);
            containers.Add(new PostgresBatchContainer(envelope.StreamId, envelope.Events, envelope.RequestContext, token));
            if (options.AcknowledgeOnDelivery)
            {
                _unacknowledged[message.Receipt.MessageId] = (message.Receipt, now);
            }
        }

        ForgetExpiredLeases(now);
        return containers;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) =>
        MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        // Without AcknowledgeOnDelivery the consumer acknowledges through IStreamMessageLeases.
        // Messages whose delivery failed never get here: Orleans leaves them out.
        if (!options.AcknowledgeOnDelivery || messages.Count == 0)
        {
            return;
        }

        var receipts = messages.OfType<PostgresBatchContainer>().Select(container => container.Receipt).ToList();
        await leases.AcknowledgeAsync(receipts, cancellationToken);
        foreach (var receipt in receipts)
        {
            if (_unacknowledged.TryGetValue(receipt.MessageId, out var entry) && entry.Receipt.Lease == receipt.Lease)
            {
                _unacknowledged.Remove(receipt.MessageId);
            }
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Without AcknowledgeOnDelivery the consumers hold (and extend) the leases; they stand.
        ForgetExpiredLeases(timeProvider.GetTimestamp());
        if (_unacknowledged.Count == 0)
        {
            return;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var receipts = _unacknowledged.Values.Select(entry => entry.Receipt).ToList();
        var returned = await leases.ReturnUnstartedAsync(receipts, timeoutSource.Token);
        _unacknowledged.Clear();
        PostgresStreamLog.ReturnedOnShutdown(logger, provider, returned, _queueId);
    }

    private void ForgetExpiredLeases(long now)
    {
        List<long>? expired = null;
        foreach (var (messageId, entry) in _unacknowledged)
        {
            if (timeProvider.GetElapsedTime(entry.LeasedAt, now) >= options.VisibilityTimeout)
            {
                (expired ??= []).Add(messageId);
            }
        }

        expired?.ForEach(messageId => _unacknowledged.Remove(messageId));
    }
}

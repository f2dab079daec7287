using Orleans.Streams;

namespace PostgresStreams;

/// <summary>
/// Called when Orleans gives up delivering a message to a subscriber (after the pulling agent's
/// <c>MaxEventDeliveryTime</c>). With <see cref="PostgresStreamOptions.AcknowledgeOnDelivery"/> the
/// message is released at once: the failed delivery counts as an attempt and the message is
/// dequeued again (to every subscriber of its stream) until it is dead-lettered after
/// <see cref="PostgresStreamOptions.MaxAttempts"/>. Without it the consumer's lease stands and the
/// message comes back after the visibility timeout. Subscriptions are never faulted.
/// </summary>
internal sealed class PostgresStreamDeliveryFailureHandler(
    PostgresStreamMessageLeases leases,
    bool releaseOnFailure,
    ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        if (!releaseOnFailure || sequenceToken is not PostgresQueueSequenceToken { Receipt: { } receipt })
        {
            return;
        }

        try
        {
            await leases.ReleaseAsync(
                [receipt], TimeSpan.Zero, $"delivery to subscription {subscriptionId.Guid} failed (attempt {receipt.Attempt})");
            PostgresStreamLog.DeliveryFailed(logger, receipt.Provider, receipt.MessageId, receipt.Attempt, streamId, subscriptionId.Guid);
        }
        catch (Exception exception)
        {
            PostgresStreamLog.ReleaseFailed(logger, exception, receipt.Provider, receipt.MessageId);
        }
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken) =>
        Task.CompletedTask;
}

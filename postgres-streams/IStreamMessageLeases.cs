namespace PostgresStreams;

/// <summary>
/// What a consumer that acknowledges its own messages (a provider with
/// <c>AcknowledgeOnDelivery = false</c>) does with the messages it holds. Every operation takes
/// receipts and ignores those whose lease has moved on; each returns how many messages it changed.
/// Registered as a keyed singleton under the stream provider's name.
/// </summary>
public interface IStreamMessageLeases
{
    /// <summary>The consumer is done: the messages are deleted.</summary>
    Task<int> AcknowledgeAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, CancellationToken cancellationToken = default);

    /// <summary>The consumer still works on the messages: they stay invisible for another <paramref name="visibleAfter"/>.</summary>
    Task<int> ExtendAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, TimeSpan visibleAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The consumer cannot work on the messages before <paramref name="until"/> (not a failure):
    /// they are redelivered then, and this delivery does not count as an attempt.
    /// </summary>
    Task<int> DeferAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The consumer failed: the messages are redelivered after <paramref name="delay"/>, and this delivery counts as an attempt.</summary>
    Task<int> ReleaseAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>The consumer gives up: the messages move to the dead-letter table with <paramref name="reason"/>.</summary>
    Task<int> DeadLetterAsync(IReadOnlyCollection<PostgresQueueReceipt> receipts, string reason, CancellationToken cancellationToken = default);
}

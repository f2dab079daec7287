namespace PostgresStreams;

/// <summary>
/// Settings of one PostgreSQL persistent-stream provider, named after it and bound from the
/// <c>Streams:{provider}</c> section (environment: <c>Streams__{provider}__{Setting}</c>).
/// </summary>
public sealed class PostgresStreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>The table prefix when none is set: tables <c>stream_queue_messages</c>, <c>stream_queue_dead_letters</c>, <c>stream_queue_lease_seq</c>.</summary>
    public const string DefaultTablePrefix = "stream_queue";

    /// <summary>
    /// The Npgsql connection string of the database that holds the queues. Every provider of a host
    /// shares one <see cref="Npgsql.NpgsqlDataSource"/>: when the host registered one, that is used
    /// and this only has to be set; otherwise one is built from the first provider's connection string.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// What the provider's tables are called: <c>{TablePrefix}_messages</c>, <c>{TablePrefix}_dead_letters</c>
    /// and the sequence <c>{TablePrefix}_lease_seq</c>. Providers may share tables (rows carry the
    /// provider's name); create them with <see cref="PostgresStreamSchema"/>.
    /// </summary>
    public string TablePrefix { get; set; } = DefaultTablePrefix;

    /// <summary>
    /// How many queues the provider's streams are spread over. Changing it moves streams to other
    /// queues; messages already queued stay in their old queue, so drain the queues first.
    /// </summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>How many dequeues a message gets; one that has used them all moves to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a dequeued message stays invisible to other dequeues unless it is acknowledged or its lease extended.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long dead letters are kept before they are deleted.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// True: a message is deleted once Orleans has delivered it to every subscriber. False: the
    /// consumer acknowledges it itself through the provider's keyed <see cref="IStreamMessageLeases"/>.
    /// </summary>
    public bool AcknowledgeOnDelivery { get; set; } = true;

    /// <summary>How often each pulling agent polls its queue when the previous poll found nothing.</summary>
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The most messages one dequeue takes.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long Orleans keeps retrying the delivery of a message to a subscriber before it gives up
    /// on it (the pulling agent's <c>MaxEventDeliveryTime</c>); the message is then released for
    /// another attempt. With <see cref="AcknowledgeOnDelivery"/> it must be shorter than
    /// <see cref="VisibilityTimeout"/>, or a message still being retried is dequeued a second time.
    /// </summary>
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often, at most, a silo deletes dead letters older than <see cref="DeadLetterRetention"/>.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}

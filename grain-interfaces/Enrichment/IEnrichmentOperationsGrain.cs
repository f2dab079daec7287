namespace Juicebox.GrainInterfaces.Enrichment;

/// <summary>What operators see of the enrichment queue and do with its dead letters.</summary>
[Alias("Juicebox.IEnrichmentOperationsGrain")]
public interface IEnrichmentOperationsGrain : IGrainWithIntegerKey
{
    /// <summary>The queue's depth and what each worker holds.</summary>
    [Alias("GetQueueAsync")]
    Task<EnrichmentQueueStatus> GetQueueAsync();

    /// <summary>Requests given up on, oldest first, after <paramref name="afterMessageId"/>.</summary>
    [Alias("GetDeadLettersAsync")]
    Task<IReadOnlyList<EnrichmentDeadLetter>> GetDeadLettersAsync(long? afterMessageId, int limit);

    /// <summary>Puts dead letters back on the queue (all of them when <paramref name="messageIds"/> is null); returns how many.</summary>
    [Alias("RetryDeadLettersAsync")]
    Task<int> RetryDeadLettersAsync(IReadOnlyList<long>? messageIds);
}

/// <summary>The enrichment queue's depth. <see cref="Durable"/> is false in Embedded mode, whose in-memory queue has no counts.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentQueueStatus")]
public sealed record class EnrichmentQueueStatus
{
    [Id(0)] public required bool Durable { get; init; }

    /// <summary>Requests waiting to be delivered to a worker.</summary>
    [Id(1)] public long Ready { get; init; }

    /// <summary>Requests a worker holds and has not acknowledged.</summary>
    [Id(2)] public long InFlight { get; init; }

    [Id(3)] public long DeadLetters { get; init; }

    [Id(4)] public TimeSpan? OldestReadyAge { get; init; }

    [Id(5)] public required IReadOnlyList<EnrichmentWorkerStatus> Workers { get; init; }
}

/// <summary>One partition's worker and what it holds.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentWorkerStatus")]
public sealed record class EnrichmentWorkerStatus(
    [property: Id(0)] int Partition,
    [property: Id(1)] EnrichmentWorkerBacklog Backlog);

/// <summary>An enrichment request given up on, with the profiles it asked for.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EnrichmentDeadLetter")]
public sealed record class EnrichmentDeadLetter
{
    [Id(0)] public required long MessageId { get; init; }
    [Id(1)] public required string Partition { get; init; }
    [Id(2)] public Guid? JobId { get; init; }
    [Id(3)] public required IReadOnlyList<string> ProfileIds { get; init; }
    [Id(4)] public required int Attempts { get; init; }
    [Id(5)] public required DateTimeOffset EnqueuedAt { get; init; }
    [Id(6)] public required DateTimeOffset DeadAt { get; init; }
    [Id(7)] public required string Reason { get; init; }
    [Id(8)] public string? LastError { get; init; }
}

using PostgresStreams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Juicebox.Grains.Enrichment.Operations;

/// <summary>The enrichment queue as operators see it; in Embedded mode there is no durable queue to report.</summary>
[StatelessWorker]
public sealed class EnrichmentOperationsGrain(IServiceProvider services, IOptions<EnrichmentOptions> options)
    : Grain, IEnrichmentOperationsGrain
{
    private readonly PostgresStreamQueueAdmin? _queue = services.GetKeyedService<PostgresStreamQueueAdmin>(EnrichmentStream.ProviderName);

    public async Task<EnrichmentQueueStatus> GetQueueAsync()
    {
        var workers = await Task.WhenAll(Enumerable.Range(0, options.Value.Partitions).Select(async partition =>
            new EnrichmentWorkerStatus(partition, await GrainFactory.GetGrain<IEnrichmentWorkerGrain>(partition).GetBacklogAsync())));
        if (_queue is null)
        {
            return new EnrichmentQueueStatus { Durable = false, Workers = workers };
        }

        var statistics = await _queue.GetStatisticsAsync();
        return new EnrichmentQueueStatus
        {
            Durable = true,
            Ready = statistics.Ready,
            InFlight = statistics.InFlight,
            DeadLetters = statistics.DeadLetters,
            OldestReadyAge = statistics.OldestReadyAge,
            Workers = workers,
        };
    }

    public async Task<IReadOnlyList<EnrichmentDeadLetter>> GetDeadLettersAsync(long? afterMessageId, int limit)
    {
        if (_queue is null)
        {
            return [];
        }

        var letters = await _queue.GetDeadLettersAsync(afterMessageId, Math.Clamp(limit, 1, PostgresStreamQueueAdmin.MaxPageSize));
        return [.. letters.Select(ToDeadLetter)];
    }

    public Task<int> RetryDeadLettersAsync(IReadOnlyList<long>? messageIds) =>
        _queue is null ? Task.FromResult(0)
        : messageIds is null ? _queue.RetryAllDeadLettersAsync()
        : _queue.RetryDeadLettersAsync(messageIds);

    private static EnrichmentDeadLetter ToDeadLetter(PostgresStreamDeadLetter letter)
    {
        var requests = letter.Events.OfType<EnrichmentRequest>().ToList();
        return new EnrichmentDeadLetter
        {
            MessageId = letter.MessageId,
            Partition = letter.StreamKey,
            JobId = requests.FirstOrDefault()?.JobId,
            ProfileIds = [.. requests.SelectMany(request => request.ProfileIds).Distinct(StringComparer.Ordinal)],
            Attempts = letter.Attempts,
            EnqueuedAt = letter.EnqueuedOn,
            DeadAt = letter.DeadOn,
            Reason = letter.DecodeError is null ? letter.Reason : $"{letter.Reason} ({letter.DecodeError})",
            LastError = letter.LastError,
        };
    }
}

using System.Collections.Concurrent;

namespace Juicebox.Grains.Telemetry;

/// <summary>How many profiles the enrichment workers active on this silo hold in memory, by partition.</summary>
public sealed class EnrichmentWorkerGauges
{
    private readonly ConcurrentDictionary<long, int> _heldByPartition = new();

    internal void Report(long partition, int heldProfiles) => _heldByPartition[partition] = heldProfiles;

    internal void Withdraw(long partition) => _heldByPartition.TryRemove(partition, out _);

    internal int HeldProfiles => _heldByPartition.Values.Sum();
}

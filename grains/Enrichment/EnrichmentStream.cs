namespace Juicebox.Grains.Enrichment;

/// <summary>The stream enrichment requests travel on: one stream per partition, keyed by partition number.</summary>
public static class EnrichmentStream
{
    /// <summary>The stream provider: PostgreSQL queues in Cluster mode, memory in Embedded mode.</summary>
    public const string ProviderName = "enrichment";

    public const string Namespace = "enrichment";

    public static StreamId ForPartition(int partition) => StreamId.Create(Namespace, partition);

    /// <summary>The partition of a profile: a stable hash of its id (FNV-1a), so every silo agrees.</summary>
    public static int PartitionOf(string profileId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var hash = 2166136261u;
        foreach (var c in profileId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}

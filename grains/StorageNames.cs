namespace Juicebox.Grains;

/// <summary>The names of the grain storage providers every host registers.</summary>
public static class StorageNames
{
    /// <summary>Profile grain state.</summary>
    public const string Profiles = "ProfileStore";

    /// <summary>Orleans' stream pub-sub state.</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>Which front ends keep a read cache (<see cref="ReadCache.ReadCacheRegistryGrain"/>); Orleans' binary format, as it holds observer references.</summary>
    public const string ReadCache = "ReadCacheStore";

    public static IReadOnlyList<string> All { get; } = [Profiles, PubSub, ReadCache];
}

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>What a test changes about a <see cref="ClusterTopology"/>'s hosts.</summary>
public sealed record ClusterTopologyOptions
{
    public static ClusterTopologyOptions Default { get; } = new();

    /// <summary>
    /// client-api without its read cache, for tests of what happens to grains (a silo killed or added): the cache
    /// would answer the warm profiles from client-api's memory and hide their reactivation.
    /// </summary>
    public static ClusterTopologyOptions WithoutReadCache { get; } = new()
    {
        HostSettings = new Dictionary<string, string?> { ["ReadCache__Enabled"] = "false" },
    };

    /// <summary>
    /// Environment variables every silo and client-api gets on top of the topology's own, e.g.
    /// <c>Streams__enrichment__VisibilityTimeout</c>; a value here wins over the topology's.
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>How long one host may take to become healthy; null for the topology's own (90 s).</summary>
    public TimeSpan? StartTimeout { get; init; }

    /// <summary>How many people the topology's sandbox knows: <see cref="ClusterTopology.NextProfileId"/> past it gives unknown ids.</summary>
    public int SandboxProfiles { get; init; } = 2_000;
}

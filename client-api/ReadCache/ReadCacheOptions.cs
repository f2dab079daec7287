namespace Juicebox.ClientApi.ReadCache;

/// <summary>
/// client-api's own copies of hot profiles (section <c>ReadCache</c>): a hot read answered without a grain call,
/// to the silos in Cluster mode, into the process's own silo in Embedded and Co-hosted mode. The grains tell
/// client-api of every change before the change returns; the lease bounds what a lost message could leave behind.
/// </summary>
public sealed class ReadCacheOptions
{
    public const string SectionName = "ReadCache";

    /// <summary>Whether client-api keeps copies (<c>ReadCache__Enabled</c>), in every hosting mode.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest a copy is served without asking the profile's grain again (<c>ReadCache__Lease</c>), and never past the profile's freshness.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most memory the copies may take, in MiB (<c>ReadCache__MaxMegabytes</c>).</summary>
    public int MaxMegabytes { get; set; } = 64;

    public static readonly TimeSpan LongestLease = TimeSpan.FromMinutes(10);

    public const int LargestMaxMegabytes = 16_384;
}

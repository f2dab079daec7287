namespace Juicebox.Grains.Hosting;

/// <summary>Where a silo listens and which cluster it joins; bound from the <c>Orleans</c> section.</summary>
public sealed class JuiceboxClusterOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silos and clients with the same id form one cluster (<c>Orleans__ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "juicebox";

    /// <summary>Identifies the service's stored data across cluster deployments (<c>Orleans__ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "juicebox";

    /// <summary>Silo-to-silo port (<c>Orleans__SiloPort</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to (<c>Orleans__GatewayPort</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; Orleans picks one when empty.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>The default of <see cref="DirectoryCacheSize"/>.</summary>
    public const int DefaultDirectoryCacheSize = 250_000;

    /// <summary>
    /// How many grains' locations a silo caches (<c>Orleans__DirectoryCacheSize</c>, Orleans'
    /// <c>GrainDirectoryOptions.CacheSize</c>). Orleans' own default, a million, sizes the cache's table
    /// for a million from the start, and the cache counts itself by walking that table, which the Orleans
    /// Dashboard asks for every second: about 3.5 ms of a silo's CPU a second, idle or not. A quarter of it
    /// still holds every profile a silo serves at the memory goal's scale (100,000 hot profiles);
    /// beyond it, a grain evicted from the cache costs a directory lookup on its next call.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = DefaultDirectoryCacheSize;

    public const int MinDirectoryCacheSize = 1_000;

    public const int MaxDirectoryCacheSize = 10_000_000;

    /// <summary>Whether <see cref="DirectoryCacheSize"/> is within <see cref="MinDirectoryCacheSize"/> and <see cref="MaxDirectoryCacheSize"/>.</summary>
    public bool HasValidDirectoryCacheSize => DirectoryCacheSize is >= MinDirectoryCacheSize and <= MaxDirectoryCacheSize;
}

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
}

using Juicebox.Grains.Hosting;

namespace Juicebox.ClientApi.Hosting;

/// <summary>How client-api runs: with its own silo and sandbox, or as a client of a PostgreSQL-backed cluster.</summary>
public enum HostingMode
{
    /// <summary>One process: a localhost silo with in-memory storage and the Juicebox sandbox in-process.</summary>
    Embedded,

    /// <summary>An Orleans client of the silos found in PostgreSQL's membership table.</summary>
    Cluster,
}

internal static class HostingModes
{
    public static HostingMode Detect(IConfiguration configuration) =>
        JuiceboxConnectionStrings.GetPostgres(configuration) is null ? HostingMode.Embedded : HostingMode.Cluster;
}

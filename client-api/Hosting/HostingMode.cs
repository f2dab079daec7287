using Juicebox.Grains.Hosting;

namespace Juicebox.ClientApi.Hosting;

/// <summary>How client-api runs: with its own silo and sandbox, as a client of a PostgreSQL-backed cluster, or as one of its silos.</summary>
public enum HostingMode
{
    /// <summary>One process: a localhost silo with in-memory storage and the Juicebox sandbox in-process.</summary>
    Embedded,

    /// <summary>An Orleans client of the silos found in PostgreSQL's membership table.</summary>
    Cluster,

    /// <summary>A silo of the PostgreSQL-backed cluster that also serves the API (<see cref="CoHostingOptions.CoHostSilo"/>).</summary>
    CoHosted,
}

internal static class HostingModes
{
    public static HostingMode Detect(IConfiguration configuration)
    {
        if (JuiceboxConnectionStrings.GetPostgres(configuration) is null)
        {
            return HostingMode.Embedded;
        }

        return configuration.GetSection(CoHostingOptions.SectionName).Get<CoHostingOptions>()?.CoHostSilo == true
            ? HostingMode.CoHosted
            : HostingMode.Cluster;
    }
}

using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>A silo or client-api process of a <see cref="BenchTopology"/>.</summary>
public sealed class BenchHost(BenchHostRole role, string name, HostProcess process, int httpPort, int siloPort)
{
    public BenchHostRole Role { get; } = role;

    public string Name { get; } = name;

    public HostProcess Process { get; } = process;

    public Uri HttpAddress { get; } = new($"http://127.0.0.1:{httpPort}/");

    /// <summary>The silo-to-silo port; 0 for a client-api.</summary>
    public int SiloPort { get; } = siloPort;

    public Uri HealthAddress => new(HttpAddress, Role == BenchHostRole.ClientApi ? "health/ready" : "health/live");

    public bool IsRunning => !Process.HasExited;
}

public enum BenchHostRole
{
    /// <summary>client-api in Embedded mode: the API and a silo in one process, no PostgreSQL.</summary>
    Embedded,
    ClientApi,
    Silo,
}

namespace Juicebox.Testing;

/// <summary>One silo or client-api process started by a <see cref="JuiceboxHostLauncher"/>, with the ports it was given.</summary>
public sealed class JuiceboxHost
{
    internal JuiceboxHost(JuiceboxHostRole role, string name, HostProcess process, int httpPort, int siloPort, int gatewayPort)
    {
        Role = role;
        Name = name;
        Process = process;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public JuiceboxHostRole Role { get; }

    /// <summary>For messages and logs, e.g. <c>silo-2</c>.</summary>
    public string Name { get; }

    public HostProcess Process { get; }

    /// <summary>The host's own HTTP endpoint (health, metrics; the public API on a client-api).</summary>
    public Uri HttpAddress { get; }

    /// <summary>Silo-to-silo port; 0 on a Cluster-mode client-api.</summary>
    public int SiloPort { get; }

    /// <summary>Gateway port clients connect to; 0 on a Cluster-mode client-api.</summary>
    public int GatewayPort { get; }

    /// <summary>The path that answers 2xx once the host can do its job.</summary>
    public Uri HealthAddress => new(HttpAddress, Role == JuiceboxHostRole.Silo ? "health/live" : "health/ready");

    public bool IsRunning => !Process.HasExited;

    /// <summary>SIGKILL: the host leaves the cluster without a word, as on a crash or a lost machine.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM and a graceful exit; SIGKILL after <paramref name="timeout"/>.</summary>
    public Task StopAsync(TimeSpan timeout) => Process.StopAsync(timeout);

    public override string ToString() => Role == JuiceboxHostRole.ClientApi
        ? $"{Name} (pid {Process.ProcessId}, http {HttpAddress})"
        : $"{Name} (pid {Process.ProcessId}, silo port {SiloPort}, gateway {GatewayPort}, http {HttpAddress})";
}

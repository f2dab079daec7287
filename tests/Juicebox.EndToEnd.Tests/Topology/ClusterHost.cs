using System.Net.Http.Headers;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>One silo or client-api process of a <see cref="ClusterTopology"/>, with the ports it was given.</summary>
public sealed class ClusterHost
{
    internal ClusterHost(ClusterHostRole role, string name, HostProcess process, int httpPort, int siloPort, int gatewayPort)
    {
        Role = role;
        Name = name;
        Process = process;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public ClusterHostRole Role { get; }

    /// <summary>For messages and logs, e.g. <c>silo-2</c>.</summary>
    public string Name { get; }

    public HostProcess Process { get; }

    /// <summary>The host's own HTTP endpoint (health; the public API on a client-api).</summary>
    public Uri HttpAddress { get; }

    /// <summary>Silo-to-silo port; 0 on a client-api.</summary>
    public int SiloPort { get; }

    /// <summary>Gateway port clients connect to; 0 on a client-api.</summary>
    public int GatewayPort { get; }

    /// <summary>The path that answers 2xx once the host can do its job.</summary>
    public Uri HealthAddress => new(HttpAddress, Role == ClusterHostRole.Silo ? "health/live" : "health/ready");

    public bool IsRunning => !Process.HasExited;

    /// <summary>SIGKILL: the host leaves the cluster without a word, as on a crash or a lost machine.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM and a graceful exit; SIGKILL after <paramref name="timeout"/>.</summary>
    public Task StopAsync(TimeSpan timeout) => Process.StopAsync(timeout);

    /// <summary>An HTTP client for a client-api's public API, with the topology's bearer key.</summary>
    public HttpClient CreateApiClient(TimeSpan timeout) => CreateClient(ClusterTopology.ApiKey, timeout);

    /// <summary>An HTTP client for a client-api's operator endpoints, with the topology's operator key.</summary>
    public HttpClient CreateOperatorClient(TimeSpan timeout) => CreateClient(ClusterTopology.OperatorKey, timeout);

    private HttpClient CreateClient(string key, TimeSpan timeout)
    {
        if (Role != ClusterHostRole.ClientApi)
        {
            throw new InvalidOperationException($"{Name} is a {Role}, not a client-api.");
        }

        var client = new HttpClient { BaseAddress = HttpAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public override string ToString() => Role == ClusterHostRole.Silo
        ? $"{Name} (pid {Process.ProcessId}, silo port {SiloPort}, gateway {GatewayPort}, http {HttpAddress})"
        : $"{Name} (pid {Process.ProcessId}, http {HttpAddress})";
}

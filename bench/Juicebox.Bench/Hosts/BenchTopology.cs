using System.Globalization;
using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// The system under measurement, as real processes on loopback, configured only through the
/// environment variables an operator would set: one client-api in Embedded mode, or silos and a
/// client-api in Cluster mode on one database.
/// </summary>
public sealed class BenchTopology : IAsyncDisposable
{
    public const string ApiKey = "bench-api-key";
    public const string OperatorKey = "bench-operator-key";

    private const string ClusterId = "juicebox-bench";
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _membershipTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchEnvironment _environment;
    private readonly string? _connectionString;
    private readonly string _upstreamKey;
    private readonly int _requestsPerMinute;
    private readonly List<BenchHost> _hosts = [];
    private int _started;

    private BenchTopology(BenchEnvironment environment, string? connectionString, string upstreamKey, int requestsPerMinute, string name)
    {
        _environment = environment;
        _connectionString = connectionString;
        _upstreamKey = upstreamKey;
        _requestsPerMinute = requestsPerMinute;
        Name = name;
    }

    /// <summary>How the figures name this topology, e.g. "Cluster: 2 silos + 1 client-api".</summary>
    public string Name { get; private set; }

    /// <summary>The database of a Cluster-mode topology.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("An Embedded topology has no database.");

    /// <summary>The client-api the load is sent to.</summary>
    public BenchHost Api => _hosts.Last(host => host.IsRunning && host.Role != BenchHostRole.Silo);

    public IReadOnlyList<BenchHost> Silos => [.. _hosts.Where(host => host.IsRunning && host.Role == BenchHostRole.Silo)];

    /// <summary>Every running process that serves a read: whose CPU and allocations a read costs.</summary>
    public IReadOnlyList<BenchHost> Servers => [.. _hosts.Where(host => host.IsRunning)];

    public static async Task<BenchTopology> StartEmbeddedAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        var topology = new BenchTopology(environment, connectionString: null, BenchEnvironment.UnpacedKey, BenchEnvironment.UnpacedRequestsPerMinute, "Embedded");
        await topology.StartGuardedAsync(() => topology.StartHostAsync(BenchHostRole.Embedded, cancellationToken));
        return topology;
    }

    /// <summary>A fresh database, <paramref name="silos"/> silos and one client-api calling the sandbox with <paramref name="upstreamKey"/>.</summary>
    public static async Task<BenchTopology> StartClusterAsync(
        BenchEnvironment environment,
        int silos,
        string upstreamKey,
        int requestsPerMinute,
        CancellationToken cancellationToken)
    {
        var connectionString = await environment.CreateDatabaseAsync(cancellationToken);
        var topology = new BenchTopology(environment, connectionString, upstreamKey, requestsPerMinute, ClusterName(silos));
        await topology.StartGuardedAsync(() => topology.StartClusterHostsAsync(silos, cancellationToken));
        return topology;
    }

    /// <summary>Stops every host gracefully, then starts <paramref name="silos"/> silos and a client-api on the same database.</summary>
    public async Task RestartAsync(int silos, CancellationToken cancellationToken)
    {
        await StopAsync();
        Name = ClusterName(silos);
        await StartClusterHostsAsync(silos, cancellationToken);
    }

    /// <summary>Kills every host (no graceful leave, nothing written on the way out), then starts <paramref name="silos"/> silos and a client-api.</summary>
    public async Task KillAndRestartAsync(int silos, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Servers.Select(host => host.Process.KillAsync()));
        await StartClusterHostsAsync(silos, cancellationToken);
    }

    public async Task StopAsync()
    {
        await Task.WhenAll(Servers.Where(host => host.Role != BenchHostRole.Silo).Select(host => host.Process.StopAsync(_stopTimeout)));
        await Task.WhenAll(Silos.Select(host => host.Process.StopAsync(_stopTimeout)));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_hosts.Select(host => host.Process.DisposeAsync().AsTask()));
    }

    private static string ClusterName(int silos) => $"Cluster: {silos} silo{(silos == 1 ? "" : "s")} + 1 client-api";

    private async Task StartGuardedAsync(Func<Task> start)
    {
        try
        {
            await start();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartClusterHostsAsync(int silos, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => StartHostAsync(BenchHostRole.Silo, cancellationToken)));
        await WaitForMembershipAsync(cancellationToken);
        await StartHostAsync(BenchHostRole.ClientApi, cancellationToken);
    }

    /// <summary>
    /// Until the membership table lists exactly the running silos as active (a killed one declared
    /// dead), so the client-api sees every gateway, and only live ones, from its first read of the list.
    /// </summary>
    private async Task WaitForMembershipAsync(CancellationToken cancellationToken)
    {
        var running = Silos.Count;
        var deadline = DateTime.UtcNow + _membershipTimeout;
        while (await CountActiveSilosAsync(cancellationToken) != running)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The membership table did not list exactly the {running} running silo(s) as active within {_membershipTimeout}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<int> CountActiveSilosAsync(CancellationToken cancellationToken) =>
        (await ClusterMembership.ReadAsync(ConnectionString, ClusterId, cancellationToken)).Count(member => member.IsActive);

    private async Task<BenchHost> StartHostAsync(BenchHostRole role, CancellationToken cancellationToken)
    {
        var host = Launch(role);
        await host.Process.WaitUntilHealthyAsync(host.HealthAddress, _startTimeout, cancellationToken);
        return host;
    }

    private BenchHost Launch(BenchHostRole role)
    {
        var httpPort = FreePort.Next();
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var number = Interlocked.Increment(ref _started);
        Dictionary<string, string?> settings = new()
        {
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["Diagnostics__Enabled"] = "true",
        };

        if (role != BenchHostRole.Silo)
        {
            settings["Api__Keys__0"] = ApiKey;
            settings["Api__OperatorKeys__0"] = OperatorKey;
        }

        if (role != BenchHostRole.ClientApi)
        {
            settings["Orleans__SiloPort"] = Format(siloPort);
            settings["Orleans__GatewayPort"] = Format(gatewayPort);
            settings["Juicebox__BaseUrl"] = _environment.Sandbox.BaseAddress.ToString();
            settings["Juicebox__ApiKey"] = _upstreamKey;
            settings["UpstreamBudget__DefaultRequestsPerMinute"] = Format(_requestsPerMinute);
        }

        if (role != BenchHostRole.Embedded)
        {
            settings["ConnectionStrings__Postgres"] = ConnectionString;
        }

        if (role == BenchHostRole.Silo)
        {
            settings["Orleans__AdvertisedIPAddress"] = "127.0.0.1";
            settings["Privacy__SuppressionKey"] = "bench-suppression-key-0123456789abcdef";
        }

        var (name, assembly) = role == BenchHostRole.Silo
            ? ($"silo-{number}", RepositoryLayout.HostAssembly("silo", "Juicebox.Silo"))
            : ($"client-api-{number}", RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi"));
        var process = HostProcess.Start(name, assembly, settings, "--urls", $"http://127.0.0.1:{Format(httpPort)}");
        var host = new BenchHost(role, name, process, httpPort, role == BenchHostRole.ClientApi ? 0 : siloPort);
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

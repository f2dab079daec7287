using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// The system under measurement, as real processes on loopback, configured only through the
/// environment variables an operator would set: one client-api in Embedded mode, or silos and a
/// client-api in Cluster mode on one database. Every host serves its diagnostics and metrics.
/// </summary>
public sealed class BenchTopology : IAsyncDisposable
{
    public const string ApiKey = "bench-api-key";
    public const string EmbeddedName = "Embedded";
    public const string CoHostedName = "Co-hosted: 1 silo serving the API";
    public const string OperatorKey = "bench-operator-key";
    private const string ReadCacheSwitch = "ReadCache__Enabled";
    public const string ClusterId = "juicebox-bench";

    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(60);

    private readonly JuiceboxHostLauncher _hosts;

    // The hosts' environment, read at each start: RestartAsync turns client-api's read cache off through it.
    private readonly Dictionary<string, string?> _environment = new() { ["Diagnostics__Enabled"] = "true" };

    private BenchTopology(BenchEnvironment environment, string? connectionString, string upstreamKey, int requestsPerMinute, string name)
    {
        _hosts = new JuiceboxHostLauncher(new JuiceboxHostSettings
        {
            ClusterId = ClusterId,
            ConnectionString = connectionString,
            UpstreamBaseAddress = environment.Sandbox.BaseAddress,
            UpstreamKey = upstreamKey,
            UpstreamRequestsPerMinute = requestsPerMinute,
            ApiKey = ApiKey,
            OperatorKey = OperatorKey,
            StartTimeout = TimeSpan.FromSeconds(120),
            Environment = _environment,
        });
        Name = name;
    }

    /// <summary>How the figures name this topology, e.g. "Cluster: 2 silos + 1 client-api".</summary>
    public string Name { get; private set; }

    /// <summary>The database of a Cluster-mode topology.</summary>
    public string ConnectionString => _hosts.Settings.ConnectionString ?? throw new InvalidOperationException("An Embedded topology has no database.");

    /// <summary>The client-api the load is sent to.</summary>
    public JuiceboxHost Api => _hosts.AllHosts.Last(host => host.IsRunning && host.Role != JuiceboxHostRole.Silo);

    public IReadOnlyList<JuiceboxHost> Silos => _hosts.Running(JuiceboxHostRole.Silo);

    /// <summary>Every running process that serves a read: whose CPU and allocations a read costs.</summary>
    public IReadOnlyList<JuiceboxHost> Servers => [.. _hosts.AllHosts.Where(host => host.IsRunning)];

    public static async Task<BenchTopology> StartEmbeddedAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        var topology = new BenchTopology(environment, connectionString: null, BenchEnvironment.UnpacedKey, BenchEnvironment.UnpacedRequestsPerMinute, EmbeddedName);
        await topology.StartGuardedAsync(() => topology._hosts.StartAsync(JuiceboxHostRole.Embedded, cancellationToken));
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
        await topology.StartGuardedAsync(() => topology._hosts.StartClusterAsync(silos, clientApis: 1, cancellationToken));
        return topology;
    }

    /// <summary>
    /// Stops every host gracefully, then starts <paramref name="silos"/> silos and a client-api on the same database,
    /// the client-api with its read cache or without (<c>ReadCache__Enabled=false</c>: every read crosses to a silo).
    /// </summary>
    public async Task RestartAsync(int silos, CancellationToken cancellationToken, bool readCache = true)
    {
        await StopAsync();
        Name = ClusterName(silos, readCache);
        if (readCache)
        {
            _environment.Remove(ReadCacheSwitch);
        }
        else
        {
            _environment[ReadCacheSwitch] = "false";
        }

        await _hosts.StartClusterAsync(silos, clientApis: 1, cancellationToken);
    }

    /// <summary>Stops every host gracefully, then starts one client-api in Co-hosted mode (a silo that serves the API, its read cache on) on the same database.</summary>
    public async Task RestartCoHostedAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        Name = CoHostedName;
        _environment.Remove(ReadCacheSwitch);
        await _hosts.StartCoHostedAsync(hosts: 1, cancellationToken);
    }

    /// <summary>
    /// Kills every host (no graceful leave, nothing written on the way out), marks the killed silos dead in
    /// the membership table (which the cluster would otherwise take its failure detection's time to do),
    /// then starts <paramref name="silos"/> silos and a client-api.
    /// </summary>
    public async Task KillAndRestartAsync(int silos, CancellationToken cancellationToken)
    {
        await _hosts.KillAllAsync();

        // Otherwise the fresh silo finds them listed as active and probes them until it may declare them
        // dead itself: 20 to 45 s per restart that measure nothing the figures report.
        await ClusterMembership.DeclareActiveSilosDeadAsync(ConnectionString, ClusterId, cancellationToken);
        await _hosts.StartClusterAsync(silos, clientApis: 1, cancellationToken);
    }

    public Task StopAsync() => _hosts.StopAllAsync(_stopTimeout);

    public ValueTask DisposeAsync() => _hosts.DisposeAsync();

    public static string ClusterName(int silos, bool readCache = true) =>
        $"Cluster: {silos} silo{(silos == 1 ? "" : "s")} + 1 client-api{(readCache ? "" : ", read cache off")}";

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
}

using System.Globalization;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>
/// A Cluster-mode deployment on loopback, as real processes: a fresh database on a private PostgreSQL,
/// an in-process Juicebox sandbox, and any number of silos and client-apis started from their built
/// assemblies with the environment variables an operator would set. Hosts can be killed, stopped and
/// started again on the same database and sandbox; disposing kills whatever still runs.
/// </summary>
public sealed class ClusterTopology : IAsyncDisposable
{
    /// <summary>The bearer key every client-api of a topology accepts.</summary>
    public const string ApiKey = "e2e-topology-api-key";

    /// <summary>The bearer key that also opens every client-api's operator endpoints.</summary>
    public const string OperatorKey = "e2e-topology-operator-key";

    public const string ClusterId = "juicebox-e2e";

    /// <summary>The silos' <c>Privacy:SuppressionKey</c> (Cluster mode requires one).</summary>
    public const string SuppressionKey = "e2e-topology-suppression-key-0123456789";
    public const string ServiceId = "juicebox-e2e";

    /// <summary>The upstream call a profile read costs, as the sandbox counts it.</summary>
    public const string UpstreamProfileCall = "GET /profiles/{id}";

    private const string SandboxKey = "sb_enterprise";
    private const int UnpacedRequestsPerMinute = 60_000;
    private const int StartAttempts = 3;

    // A silo or client-api starts in a few seconds alone, but much slower while other hosts start on a busy 2-core machine.
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _membershipTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly List<ClusterHost> _hosts = [];
    private int _hostsStarted;
    private int _nextProfileIndex;

    private readonly ClusterTopologyOptions _options;

    private ClusterTopology(string connectionString, SandboxServer sandbox, ClusterTopologyOptions options)
    {
        _options = options;
        ConnectionString = connectionString;
        Sandbox = sandbox;
        Upstream = new SandboxControl(sandbox.RootAddress);
    }

    /// <summary>The topology's own database; every host of the topology uses it.</summary>
    public string ConnectionString { get; }

    /// <summary>The Juicebox API the silos call.</summary>
    public SandboxServer Sandbox { get; }

    /// <summary>The sandbox's counters: how often the cluster called the upstream.</summary>
    public SandboxControl Upstream { get; }

    /// <summary>Every host ever started, in start order, including killed and stopped ones.</summary>
    public IReadOnlyList<ClusterHost> AllHosts
    {
        get
        {
            lock (_lock)
            {
                return [.. _hosts];
            }
        }
    }

    /// <summary>The silos whose process is still running.</summary>
    public IReadOnlyList<ClusterHost> Silos => Running(ClusterHostRole.Silo);

    /// <summary>The client-apis whose process is still running.</summary>
    public IReadOnlyList<ClusterHost> ClientApis => Running(ClusterHostRole.ClientApi);

    /// <summary>
    /// Creates a database on <paramref name="postgres"/>, starts a sandbox, then <paramref name="silos"/>
    /// silos and <paramref name="clientApis"/> client-apis (see <see cref="StartHostsAsync"/>).
    /// </summary>
    public static Task<ClusterTopology> StartAsync(
        PostgresServer postgres,
        int silos,
        int clientApis,
        CancellationToken cancellationToken) =>
        StartAsync(postgres, silos, clientApis, ClusterTopologyOptions.Default, cancellationToken);

    /// <summary>As <see cref="StartAsync(PostgresServer, int, int, CancellationToken)"/>, with hosts changed by <paramref name="options"/>.</summary>
    public static async Task<ClusterTopology> StartAsync(
        PostgresServer postgres,
        int silos,
        int clientApis,
        ClusterTopologyOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(options);

        var connectionString = await postgres.CreateDatabaseAsync();
        // The key allows a call every millisecond, so the cluster's pacing costs these tests nothing.
        var unpaced = new SandboxKeyOptions { Key = SandboxKey, Plan = "enterprise", RequestsPerMinute = UnpacedRequestsPerMinute };
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 2_000, Keys = [unpaced] }, cancellationToken: cancellationToken);
        var topology = new ClusterTopology(connectionString, sandbox, options);
        try
        {
            await topology.StartHostsAsync(silos, clientApis, cancellationToken);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>A sandbox profile id that no earlier call returned.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    /// <summary>
    /// Starts silos in parallel and waits until PostgreSQL's membership table lists exactly the running
    /// silos as active (a killed one must have been declared dead); only then starts the client-apis,
    /// so each one sees every gateway from its first gateway-list read (it refreshes the list every 5 s).
    /// </summary>
    public async Task StartHostsAsync(int silos, int clientApis, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(silos);
        ArgumentOutOfRangeException.ThrowIfNegative(clientApis);

        await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => StartHostAsync(ClusterHostRole.Silo, cancellationToken)));
        var running = Silos;
        try
        {
            await Eventually.WaitForAsync(
                async token => (await ReadMembershipAsync(token)).Count(member => member.IsActive) == running.Count,
                _membershipTimeout,
                $"the membership table to list exactly the {running.Count} running silo(s) as active",
                cancellationToken);
        }
        catch (TimeoutException exception)
        {
            var output = running.Select(silo => $"--- {silo.Name}:{Environment.NewLine}{silo.Process.RecentOutput}");
            throw new TimeoutException($"{exception.Message}{Environment.NewLine}{string.Join(Environment.NewLine, output)}", exception);
        }

        await Task.WhenAll(Enumerable.Range(0, clientApis).Select(_ => StartHostAsync(ClusterHostRole.ClientApi, cancellationToken)));
    }

    /// <summary>Starts one silo and waits until it answers <c>/health/live</c>.</summary>
    public Task<ClusterHost> StartSiloAsync(CancellationToken cancellationToken) => StartHostAsync(ClusterHostRole.Silo, cancellationToken);

    /// <summary>Starts one client-api and waits until it answers <c>/health/ready</c> (it reached a silo).</summary>
    public Task<ClusterHost> StartClientApiAsync(CancellationToken cancellationToken) =>
        StartHostAsync(ClusterHostRole.ClientApi, cancellationToken);

    /// <summary>Stops every running host gracefully (SIGTERM): the client-apis first, then the silos.</summary>
    public async Task StopHostsAsync()
    {
        await Task.WhenAll(ClientApis.Select(host => host.StopAsync(_stopTimeout)));
        await Task.WhenAll(Silos.Select(host => host.StopAsync(_stopTimeout)));
    }

    /// <summary>The membership table's row for every silo that ever joined this topology's cluster.</summary>
    public Task<IReadOnlyList<SiloMembership>> ReadMembershipAsync(CancellationToken cancellationToken) =>
        ClusterMembership.ReadAsync(ConnectionString, ClusterId, cancellationToken);

    /// <summary>Whether the membership table says <paramref name="silo"/> is dead (declared by its peers, or on its way out).</summary>
    public async Task<bool> IsDeclaredDeadAsync(ClusterHost silo, CancellationToken cancellationToken)
    {
        var members = await ReadMembershipAsync(cancellationToken);
        return members.Any(member => member.Port == silo.SiloPort && member.IsDead);
    }

    public async ValueTask DisposeAsync()
    {
        AttachHostOutputIfTheTestFailed();
        await Task.WhenAll(AllHosts.Select(host => host.Process.DisposeAsync().AsTask()));
        Upstream.Dispose();
        await Sandbox.DisposeAsync();
    }

    private IReadOnlyList<ClusterHost> Running(ClusterHostRole role) =>
        [.. AllHosts.Where(host => host.Role == role && host.IsRunning)];

    private async Task<ClusterHost> StartHostAsync(ClusterHostRole role, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(role);
            try
            {
                await host.Process.WaitUntilHealthyAsync(host.HealthAddress, _startTimeout, cancellationToken);
                return host;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && host.Process.HasExited && PortWasTaken(host.Process))
            {
                // FreePort's port went to another process before the host bound it: try new ports.
            }
        }
    }

    private ClusterHost Launch(ClusterHostRole role)
    {
        var ports = DistinctFreePorts(3);
        var number = Interlocked.Increment(ref _hostsStarted);
        Dictionary<string, string?> environment = new()
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ServiceId,
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };

        string name;
        string assembly;
        if (role == ClusterHostRole.Silo)
        {
            name = $"silo-{number}";
            assembly = RepositoryLayout.HostAssembly("silo", "Juicebox.Silo");
            environment["Orleans__SiloPort"] = Format(ports[1]);
            environment["Orleans__GatewayPort"] = Format(ports[2]);
            environment["Orleans__AdvertisedIPAddress"] = "127.0.0.1";
            environment["Juicebox__BaseUrl"] = Sandbox.BaseAddress.ToString();
            environment["Juicebox__ApiKey"] = SandboxKey;
            environment["UpstreamBudget__DefaultRequestsPerMinute"] = Format(UnpacedRequestsPerMinute);
            environment["Privacy__SuppressionKey"] = SuppressionKey;
        }
        else
        {
            name = $"client-api-{number}";
            assembly = RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi");
            environment["Api__Keys__0"] = ApiKey;
            environment["Api__OperatorKeys__0"] = OperatorKey;
        }

        foreach (var (variable, value) in _options.HostSettings)
        {
            environment[variable] = value;
        }

        var process = HostProcess.Start(name, assembly, environment, "--urls", $"http://127.0.0.1:{Format(ports[0])}");
        var host = role == ClusterHostRole.Silo
            ? new ClusterHost(role, name, process, ports[0], ports[1], ports[2])
            : new ClusterHost(role, name, process, ports[0], siloPort: 0, gatewayPort: 0);
        lock (_lock)
        {
            _hosts.Add(host);
        }

        return host;
    }

    private static int[] DistinctFreePorts(int count)
    {
        HashSet<int> ports = [];
        while (ports.Count < count)
        {
            ports.Add(FreePort.Next());
        }

        return [.. ports];
    }

    private static bool PortWasTaken(HostProcess process) =>
        process.RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static string Format(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A failed test gets each host's last lines of output as attachments of its result.</summary>
    private void AttachHostOutputIfTheTestFailed()
    {
        if (TestContext.Current.TestState?.Result != TestResult.Failed)
        {
            return;
        }

        foreach (var host in AllHosts)
        {
            TestContext.Current.AddAttachment($"{host.Name}.log", host.Process.RecentOutput, replaceExistingValue: true);
        }
    }
}

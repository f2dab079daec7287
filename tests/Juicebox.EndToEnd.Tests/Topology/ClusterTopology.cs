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
    public const string ServiceId = "juicebox-e2e";

    /// <summary>The upstream call a profile read costs, as the sandbox counts it.</summary>
    public const string UpstreamProfileCall = "GET /profiles/{id}";

    private const string SandboxKey = "sb_enterprise";
    private const int UnpacedRequestsPerMinute = 60_000;

    // A silo or client-api starts in a few seconds alone, but much slower while other hosts start on a busy 2-core machine.
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _membershipTimeout = TimeSpan.FromSeconds(60);

    private readonly JuiceboxHostLauncher _hosts;
    private int _nextProfileIndex;

    private ClusterTopology(string connectionString, SandboxServer sandbox, ClusterTopologyOptions options)
    {
        ConnectionString = connectionString;
        Sandbox = sandbox;
        Upstream = new SandboxControl(sandbox.RootAddress);
        var environment = new Dictionary<string, string?> { ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff " };
        foreach (var (variable, value) in options.HostSettings)
        {
            environment[variable] = value;
        }

        _hosts = new JuiceboxHostLauncher(new JuiceboxHostSettings
        {
            ClusterId = ClusterId,
            ConnectionString = connectionString,
            UpstreamBaseAddress = sandbox.BaseAddress,
            UpstreamKey = SandboxKey,
            UpstreamRequestsPerMinute = UnpacedRequestsPerMinute,
            ApiKey = ApiKey,
            OperatorKey = OperatorKey,
            StartTimeout = options.StartTimeout ?? _startTimeout,
            MembershipTimeout = _membershipTimeout,
            Environment = environment,
        });
    }

    /// <summary>The topology's own database; every host of the topology uses it.</summary>
    public string ConnectionString { get; }

    /// <summary>The Juicebox API the silos call.</summary>
    public SandboxServer Sandbox { get; }

    /// <summary>The sandbox's counters: how often the cluster called the upstream.</summary>
    public SandboxControl Upstream { get; }

    /// <summary>Every host ever started, in start order, including killed and stopped ones.</summary>
    public IReadOnlyList<JuiceboxHost> AllHosts => _hosts.AllHosts;

    /// <summary>The silos whose process is still running.</summary>
    public IReadOnlyList<JuiceboxHost> Silos => _hosts.Running(JuiceboxHostRole.Silo);

    /// <summary>The client-apis whose process is still running.</summary>
    public IReadOnlyList<JuiceboxHost> ClientApis => _hosts.Running(JuiceboxHostRole.ClientApi);

    /// <summary>The Co-hosted client-apis (silos serving the API) whose process is still running.</summary>
    public IReadOnlyList<JuiceboxHost> CoHosted => _hosts.Running(JuiceboxHostRole.CoHosted);

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
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = options.SandboxProfiles, Keys = [unpaced] }, cancellationToken: cancellationToken);
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
    public Task StartHostsAsync(int silos, int clientApis, CancellationToken cancellationToken) =>
        _hosts.StartClusterAsync(silos, clientApis, cancellationToken);

    /// <summary>Starts client-apis in Co-hosted mode, each a silo of the cluster serving the API, and waits until the membership table lists them.</summary>
    public Task StartCoHostedAsync(int hosts, CancellationToken cancellationToken) => _hosts.StartCoHostedAsync(hosts, cancellationToken);

    /// <summary>Starts one silo and waits until it answers <c>/health/live</c>.</summary>
    public Task<JuiceboxHost> StartSiloAsync(CancellationToken cancellationToken) => _hosts.StartAsync(JuiceboxHostRole.Silo, cancellationToken);

    /// <summary>Starts one client-api and waits until it answers <c>/health/ready</c> (it reached a silo).</summary>
    public Task<JuiceboxHost> StartClientApiAsync(CancellationToken cancellationToken) =>
        _hosts.StartAsync(JuiceboxHostRole.ClientApi, cancellationToken);

    /// <summary>Stops every running host gracefully (SIGTERM): the client-apis first, then the silos.</summary>
    public Task StopHostsAsync() => _hosts.StopAllAsync(_stopTimeout);

    /// <summary>The membership table's row for every silo that ever joined this topology's cluster.</summary>
    public Task<IReadOnlyList<SiloMembership>> ReadMembershipAsync(CancellationToken cancellationToken) =>
        _hosts.ReadMembershipAsync(cancellationToken);

    /// <summary>Whether the membership table says <paramref name="silo"/> is dead (declared by its peers, or on its way out).</summary>
    public async Task<bool> IsDeclaredDeadAsync(JuiceboxHost silo, CancellationToken cancellationToken)
    {
        var members = await ReadMembershipAsync(cancellationToken);
        return members.Any(member => member.Port == silo.SiloPort && member.IsDead);
    }

    public async ValueTask DisposeAsync()
    {
        AttachHostOutputIfTheTestFailed();
        await _hosts.DisposeAsync();
        Upstream.Dispose();
        await Sandbox.DisposeAsync();
    }

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

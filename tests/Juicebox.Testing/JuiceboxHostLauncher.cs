using System.Globalization;

namespace Juicebox.Testing;

/// <summary>
/// Starts silos and client-apis from their built assemblies as real processes on loopback, configured
/// only through environment variables, and keeps every host it started (running, stopped or killed).
/// Disposing kills whatever still runs. The end-to-end topology and the benchmark's both start their
/// hosts here.
/// </summary>
public sealed class JuiceboxHostLauncher(JuiceboxHostSettings settings) : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly Lock _lock = new();
    private readonly List<JuiceboxHost> _hosts = [];
    private int _started;

    public JuiceboxHostSettings Settings { get; } = settings;

    /// <summary>Every host ever started, in start order, including killed and stopped ones.</summary>
    public IReadOnlyList<JuiceboxHost> AllHosts
    {
        get
        {
            lock (_lock)
            {
                return [.. _hosts];
            }
        }
    }

    /// <summary>The hosts of <paramref name="role"/> whose process still runs.</summary>
    public IReadOnlyList<JuiceboxHost> Running(JuiceboxHostRole role) =>
        [.. AllHosts.Where(host => host.Role == role && host.IsRunning)];

    /// <summary>
    /// Starts silos in parallel and waits until the membership table lists exactly the running silos
    /// as active (a killed one must have been declared dead); only then starts the client-apis, so each
    /// one sees every gateway, and only live ones, from its first read of the gateway list.
    /// </summary>
    public async Task StartClusterAsync(int silos, int clientApis, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(silos);
        ArgumentOutOfRangeException.ThrowIfNegative(clientApis);

        await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => StartAsync(JuiceboxHostRole.Silo, cancellationToken)));
        await WaitForMembershipAsync(cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, clientApis).Select(_ => StartAsync(JuiceboxHostRole.ClientApi, cancellationToken)));
    }

    /// <summary>
    /// Starts <paramref name="hosts"/> client-apis in Co-hosted mode (each a silo of the cluster serving the
    /// API) and waits until the membership table lists exactly the running silos as active.
    /// </summary>
    public async Task StartCoHostedAsync(int hosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hosts);
        await Task.WhenAll(Enumerable.Range(0, hosts).Select(_ => StartAsync(JuiceboxHostRole.CoHosted, cancellationToken)));
        await WaitForMembershipAsync(cancellationToken);
    }

    /// <summary>Starts one host and waits until it answers its health check; new ports if another process took one first.</summary>
    public async Task<JuiceboxHost> StartAsync(JuiceboxHostRole role, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(role);
            try
            {
                await host.Process.WaitUntilHealthyAsync(host.HealthAddress, Settings.StartTimeout, cancellationToken);
                return host;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && host.Process.HasExited && PortWasTaken(host.Process))
            {
                // FreePort's port went to another process before the host bound it: try new ports.
            }
        }
    }

    /// <summary>Stops every running host gracefully (SIGTERM): the client-apis first, then the silos.</summary>
    public async Task StopAllAsync(TimeSpan timeout)
    {
        await Task.WhenAll(AllHosts.Where(host => host.IsRunning && host.Role != JuiceboxHostRole.Silo).Select(host => host.StopAsync(timeout)));
        await Task.WhenAll(Running(JuiceboxHostRole.Silo).Select(host => host.StopAsync(timeout)));
    }

    /// <summary>Kills every running host: no graceful leave, nothing written on the way out.</summary>
    public Task KillAllAsync() => Task.WhenAll(AllHosts.Where(host => host.IsRunning).Select(host => host.KillAsync()));

    /// <summary>The membership table's row for every silo that ever joined the cluster.</summary>
    public Task<IReadOnlyList<SiloMembership>> ReadMembershipAsync(CancellationToken cancellationToken) =>
        ClusterMembership.ReadAsync(ConnectionString, Settings.ClusterId, cancellationToken);

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(AllHosts.Select(host => host.Process.DisposeAsync().AsTask()));

    private string ConnectionString =>
        Settings.ConnectionString ?? throw new InvalidOperationException("These hosts have no database: an Embedded deployment has no cluster membership.");

    private async Task WaitForMembershipAsync(CancellationToken cancellationToken)
    {
        var running = AllHosts.Where(host => host.IsRunning && host.Role is JuiceboxHostRole.Silo or JuiceboxHostRole.CoHosted).ToList();
        var deadline = DateTime.UtcNow + Settings.MembershipTimeout;
        while ((await ReadMembershipAsync(cancellationToken)).Count(member => member.IsActive) != running.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                var output = running.Select(silo => $"--- {silo.Name}:{Environment.NewLine}{silo.Process.RecentOutput}");
                throw new TimeoutException(
                    $"The membership table did not list exactly the {running.Count} running silo(s) as active within {Settings.MembershipTimeout}."
                    + $"{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private JuiceboxHost Launch(JuiceboxHostRole role)
    {
        var (httpPort, siloPort, gatewayPort) = DistinctFreePorts();
        var number = Interlocked.Increment(ref _started);
        Dictionary<string, string?> environment = new()
        {
            ["Orleans__ClusterId"] = Settings.ClusterId,
            ["Orleans__ServiceId"] = Settings.ClusterId,
        };

        if (role != JuiceboxHostRole.Embedded)
        {
            environment["ConnectionStrings__Postgres"] = ConnectionString;
        }

        if (role != JuiceboxHostRole.Silo)
        {
            environment["Api__Keys__0"] = Settings.ApiKey;
            environment["Api__OperatorKeys__0"] = Settings.OperatorKey;
        }

        if (role != JuiceboxHostRole.ClientApi)
        {
            environment["Orleans__SiloPort"] = Format(siloPort);
            environment["Orleans__GatewayPort"] = Format(gatewayPort);
            environment["Juicebox__BaseUrl"] = Settings.UpstreamBaseAddress.ToString();
            environment["Juicebox__ApiKey"] = Settings.UpstreamKey;
            environment["UpstreamBudget__DefaultRequestsPerMinute"] = Format(Settings.UpstreamRequestsPerMinute);
        }

        if (role is JuiceboxHostRole.Silo or JuiceboxHostRole.CoHosted)
        {
            environment["Orleans__AdvertisedIPAddress"] = "127.0.0.1";
            environment["Privacy__SuppressionKey"] = Settings.SuppressionKey;
        }

        if (role == JuiceboxHostRole.CoHosted)
        {
            environment["Hosting__CoHostSilo"] = "true";
        }

        foreach (var (variable, value) in Settings.Environment)
        {
            environment[variable] = value;
        }

        var (name, assembly) = role switch
        {
            JuiceboxHostRole.Silo => ($"silo-{number}", RepositoryLayout.HostAssembly("silo", "Juicebox.Silo")),
            JuiceboxHostRole.CoHosted => ($"co-hosted-{number}", RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi")),
            _ => ($"client-api-{number}", RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi")),
        };
        var process = HostProcess.Start(name, assembly, environment, "--urls", $"http://127.0.0.1:{Format(httpPort)}");
        var host = role == JuiceboxHostRole.ClientApi
            ? new JuiceboxHost(role, name, process, httpPort, siloPort: 0, gatewayPort: 0)
            : new JuiceboxHost(role, name, process, httpPort, siloPort, gatewayPort);
        lock (_lock)
        {
            _hosts.Add(host);
        }

        return host;
    }

    private static (int Http, int Silo, int Gateway) DistinctFreePorts()
    {
        HashSet<int> ports = [];
        while (ports.Count < 3)
        {
            ports.Add(FreePort.Next());
        }

        var all = ports.ToArray();
        return (all[0], all[1], all[2]);
    }

    private static bool PortWasTaken(HostProcess process) =>
        process.RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// A one-silo cluster is scaled out and back in under a steady read load through client-api, the way an
/// operator replaces a machine: a second silo is started (it joins, client-api uses it as a gateway,
/// new grains are placed on it), then the first one is stopped gracefully (SIGTERM: it leaves the
/// membership and its grains come back on the new silo from PostgreSQL). No host restarts, and client-api
/// retries the reads that meet grains on the move, so not one read fails.
/// </summary>
public sealed class SiloScalingTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 1, clientApis: 1)
{
    private const int WarmProfiles = 30;

    // The added silo must host this many profiles before the scale-out counts as done.
    private const int AddedSiloProfiles = 10;

    // Every third read asks for a profile nobody read yet, so the cluster keeps placing new grains.
    private static readonly ReadLoadOptions _loadShape = new(Readers: 6, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: 3, MaxNewProfiles: 1_000);
    private static readonly TimeSpan _baseline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _warmUpLoad = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(60);

    // client-api reads the gateway list every 5 s (Orleans:Gateway:GatewayListRefreshPeriod); a busy machine needs more.
    private static readonly TimeSpan _phaseLimit = TimeSpan.FromSeconds(60);

    // Warm profiles must be read from their grains, wherever those live after the scale-out.
    protected override ClusterTopologyOptions Options => ClusterTopologyOptions.WithoutReadCache;

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SiloAddedThenFirstSiloStopped_UnderLoad_NewSiloTakesOver_WithoutRestartsOrFailedReads()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        var first = Topology.Silos.Single();
        var clientApiProcess = clientApi.Process.ProcessId;
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var warm = await WarmUpAsync(api, WarmProfiles, cancellationToken);

        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);
        await Eventually.WaitForAsync(_ => Task.FromResult(load.Now >= _warmUpLoad + _baseline), _phaseLimit, "the load to run for its baseline", cancellationToken);

        // Scale out: a second silo joins the running cluster.
        var addedAt = load.Now;
        var clock = Stopwatch.StartNew();
        var added = await Topology.StartSiloAsync(cancellationToken);
        var startedAfter = clock.Elapsed;
        var activeAfter = await WaitForClusterAsync(operatorApi, cluster => cluster.Find(added)?.Status == "active", $"the added {added.Name} to be active in the membership", clock, cancellationToken);
        var profilesAfter = await WaitForClusterAsync(
            operatorApi,
            cluster => cluster.Find(added)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) >= AddedSiloProfiles,
            $"the added {added.Name} to host {AddedSiloProfiles} profiles",
            clock,
            cancellationToken);
        var gatewayAfter = await WaitForClusterAsync(
            operatorApi,
            cluster => cluster.Find(added)?.Clients >= 1,
            $"client-api to use the added {added.Name} as a gateway",
            clock,
            cancellationToken);
        var scaleOutBaseline = LoadFigures.SuccessRate(load.Snapshot(), addedAt - _baseline, addedAt);
        var bothServingAt = addedAt + gatewayAfter;
        await Eventually.WaitForAsync(
            _ => Task.FromResult(load.Now - bothServingAt >= _baseline),
            _phaseLimit,
            "the load to run on both silos",
            cancellationToken);
        var scaledOut = await operatorApi.GetClusterAsync(cancellationToken);
        var firstProfiles = scaledOut.Find(first)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0;

        // Scale in: the first silo leaves gracefully.
        var stoppedAt = load.Now;
        clock.Restart();
        await first.StopAsync(_stopTimeout);
        var stopTook = clock.Elapsed;
        var scaleInBaseline = LoadFigures.SuccessRate(load.Snapshot(), stoppedAt - _baseline, stoppedAt);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(LoadFigures.RecoveredAfter(load.Snapshot(), stoppedAt, scaleInBaseline) is not null),
            _phaseLimit,
            $"the load to run at {LoadFigures.FullRateShare:P0} of its {LoadFigures.Rate(scaleInBaseline)} for {LoadFigures.SecondsToConfirmRecovery} s after the stop",
            cancellationToken);
        var reads = await load.StopAsync();
        var scaledIn = await operatorApi.GetClusterAsync(cancellationToken);

        var failures = reads.Where(read => !read.Response.IsOk).ToList();
        var end = reads.Max(read => read.EndedAt);
        var recovered = LoadFigures.RecoveredAfter(reads, stoppedAt, scaleInBaseline)!.Value;
        var warmSources = reads.Where(read => read.StartedAt >= stoppedAt && read.Response.IsOk && warm.Contains(read.Response.RequestedId))
            .GroupBy(read => read.Response.RequestedId)
            .Select(group => group.Any(read => read.Response.Source == "storage") ? "storage" : group.MinBy(read => read.StartedAt)!.Response.Source ?? "-")
            .GroupBy(source => source)
            .ToDictionary(group => group.Key, group => group.Count());

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Scale out and in while {_loadShape.Readers} readers read through client-api (one read in {_loadShape.NewProfileEvery} a new profile).");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {added.Name} started next to {first.Name}: answered /health/live {LoadFigures.Seconds(startedAfter)} after launch; active in the membership after {LoadFigures.Seconds(activeAfter)}; hosted {AddedSiloProfiles} profiles after {LoadFigures.Seconds(profilesAfter)}; client-api's gateway after {LoadFigures.Seconds(gatewayAfter)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    rate {LoadFigures.Rate(scaleOutBaseline)} on one silo, {LoadFigures.Rate(LoadFigures.SuccessRate(reads, bothServingAt, stoppedAt))} on both; latency after the launch {LoadFigures.Latencies(reads, addedAt, stoppedAt)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    successful reads each second after the launch: {string.Join(" ", LoadFigures.SecondsAfter([.. reads.Where(read => read.EndedAt < stoppedAt)], addedAt))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    cluster: {scaledOut}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  SIGTERM to {first.Name} (hosting {firstProfiles} profiles): exited with {first.Process.ExitCode} after {LoadFigures.Seconds(stopTook)}; membership says {scaledIn.Find(first)?.Status ?? "nothing"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    rate {LoadFigures.Rate(scaleInBaseline)} before, {LoadFigures.Rate(LoadFigures.SuccessRate(reads, stoppedAt + recovered, end))} after; back to full rate {LoadFigures.Seconds(recovered)} after SIGTERM; latency after SIGTERM {LoadFigures.Latencies(reads, stoppedAt, end)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    successful reads each second after SIGTERM: {string.Join(" ", LoadFigures.SecondsAfter(reads, stoppedAt))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    warm profiles after SIGTERM, read from (storage if any read was, or else the first's source; the draining silo still answers from memory): {string.Join(", ", warmSources.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    cluster: {scaledIn}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  reads: {reads.Count}; failed: {failures.Count} {LoadFigures.FailureKinds(failures)}");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{LoadFigures.Seconds(failure.StartedAt)} into the load] {failure.Response}");
        }

        TestReport.Write(text.ToString());

        Assert.Empty(failures);
        Assert.True(clientApi.IsRunning && clientApi.Process.ProcessId == clientApiProcess, $"{clientApi.Name} was restarted or stopped.");
        Assert.Equal(2, scaledOut.ActiveSilos);
        Assert.True(first.Process.ExitCode == 0, $"{first.Name} exited with {first.Process.ExitCode} on SIGTERM, not 0.\n{first.Process.RecentOutput}");
        Assert.Equal("dead", scaledIn.Find(first)?.Status);
        Assert.Equal(1, scaledIn.ActiveSilos);
        Assert.True(added.IsRunning, $"{added.Name} stopped too.");
        Assert.True(
            warmSources.GetValueOrDefault("storage") > 0,
            $"No warm profile was reactivated from storage after the stop, so none lived on {first.Name} and the stop handed nothing over.");
    }

    /// <summary>Polls the operator's cluster view until <paramref name="condition"/> holds; returns <paramref name="clock"/>'s time then.</summary>
    private static async Task<TimeSpan> WaitForClusterAsync(
        HttpClient operatorApi, Func<ClusterView, bool> condition, string awaited, Stopwatch clock, CancellationToken cancellationToken)
    {
        ClusterView? last = null;
        try
        {
            await Eventually.WaitForAsync(
                async token => (last = await operatorApi.TryGetClusterAsync(token) ?? last) is { } view && condition(view),
                _phaseLimit,
                awaited,
                cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message} Last seen: {last}", exception);
        }

        return clock.Elapsed;
    }
}

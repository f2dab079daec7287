using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// A silo is added to a running one-silo cluster under a steady read load through client-api: it joins
/// the membership, client-api starts using it as a gateway and new grains are placed on it, and no
/// host restarts and no read fails.
/// </summary>
public sealed class ScaleOutTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int WarmProfiles = 20;

    // The added silo must host this many profiles before the test calls the scale-out done.
    private const int AddedSiloProfiles = 10;

    // Every third read asks for a profile nobody read yet, so the cluster keeps placing new grains.
    private static readonly ReadLoadOptions _loadShape = new(Readers: 6, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: 3, MaxNewProfiles: 1_000);
    private static readonly TimeSpan _baseline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _warmUpLoad = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);

    // client-api reads the gateway list every 5 s (Orleans:Gateway:GatewayListRefreshPeriod); a busy machine needs more.
    private static readonly TimeSpan _takeOverLimit = TimeSpan.FromSeconds(45);

    private ClusterTopology? _topology;

    private ClusterTopology Topology => _topology ?? throw new InvalidOperationException("The topology did not start.");

    public async ValueTask InitializeAsync() =>
        _topology = await ClusterTopology.StartAsync(postgres.Server, silos: 1, clientApis: 1, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SiloAddedUnderLoad_JoinsAndTakesNewGrainsAndClientTraffic_WithoutRestartsOrFailedReads()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        var original = Topology.Silos.Single();
        var processesBefore = new[] { clientApi, original }.ToDictionary(host => host.Name, host => host.Process.ProcessId);
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var warm = Enumerable.Range(0, WarmProfiles).Select(_ => Topology.NextProfileId()).ToList();
        foreach (var id in warm)
        {
            var read = await api.GetProfileAsync(id, cancellationToken);
            Assert.True(read.IsOk, $"Warm-up read failed: {read}");
        }

        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);
        await Eventually.WaitForAsync(_ => Task.FromResult(load.Now >= _warmUpLoad + _baseline), _takeOverLimit, "the load to run for its baseline", cancellationToken);

        var addedAt = load.Now;
        var clock = Stopwatch.StartNew();
        var added = await Topology.StartSiloAsync(cancellationToken);
        var startedAfter = clock.Elapsed;
        ClusterView? view = null;
        var activeAfter = await Eventually.WaitForAsync(
            async token => (view = await operatorApi.TryGetClusterAsync(token))?.Find(added)?.Status == "active",
            _takeOverLimit,
            $"the added {added.Name} to be active in the cluster's membership",
            cancellationToken) + startedAfter;
        var profilesAfter = await Eventually.WaitForAsync(
            async token => ((view = await operatorApi.TryGetClusterAsync(token))?.Find(added)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0) >= AddedSiloProfiles,
            _takeOverLimit,
            $"the added {added.Name} to host {AddedSiloProfiles} profiles (last seen: {view})",
            cancellationToken) + activeAfter;
        var gatewayAfter = await Eventually.WaitForAsync(
            async token => ((view = await operatorApi.TryGetClusterAsync(token))?.Find(added)?.Clients ?? 0) >= 1,
            _takeOverLimit,
            $"client-api to use the added {added.Name} as a gateway (last seen: {view})",
            cancellationToken) + profilesAfter;
        var baseline = LoadFigures.SuccessRate(load.Snapshot(), addedAt - _baseline, addedAt);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(LoadFigures.RecoveredAfter(load.Snapshot(), addedAt, baseline) is { } at && load.Now - addedAt >= gatewayAfter + TimeSpan.FromSeconds(LoadFigures.SecondsToConfirmRecovery)),
            _takeOverLimit,
            $"the load to run at full rate for {LoadFigures.SecondsToConfirmRecovery} s with both silos",
            cancellationToken);
        var reads = await load.StopAsync();
        var after = await operatorApi.GetClusterAsync(cancellationToken);

        var failures = reads.Where(read => !read.Response.IsOk).ToList();
        var end = reads.Max(read => read.EndedAt);
        var bothServing = addedAt + gatewayAfter;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Silo added: {added.Name} started next to {original.Name} while {_loadShape.Readers} readers read through client-api (one in {_loadShape.NewProfileEvery} a new profile).");
        text.AppendLine(CultureInfo.InvariantCulture, $"  answered /health/live {LoadFigures.Seconds(startedAfter)} after launch; active in the membership after {LoadFigures.Seconds(activeAfter)}; hosted {AddedSiloProfiles} profiles after {LoadFigures.Seconds(profilesAfter)}; client-api connected to it as a gateway after {LoadFigures.Seconds(gatewayAfter)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  reads: {reads.Count(read => read.StartedAt < addedAt)} before, {reads.Count(read => read.StartedAt >= addedAt)} after the launch; failed: {failures.Count} {LoadFigures.FailureKinds(failures)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  rate: {LoadFigures.Rate(baseline)} on one silo, {LoadFigures.Rate(LoadFigures.SuccessRate(reads, bothServing, end))} once both served");
        text.AppendLine(CultureInfo.InvariantCulture, $"  successful reads each second after the launch: {string.Join(" ", LoadFigures.SecondsAfter(reads, addedAt))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  latency of reads started after the launch: {LoadFigures.Latencies(reads, addedAt, end)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  cluster after: {after}");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{LoadFigures.Seconds(failure.StartedAt - addedAt)} after the launch] {failure.Response}");
        }

        TestReport.Write(text.ToString());

        Assert.Empty(failures);
        Assert.Equal(2, after.ActiveSilos);
        Assert.All(new[] { clientApi, original }, host => Assert.True(
            host.IsRunning && host.Process.ProcessId == processesBefore[host.Name],
            $"{host.Name} was restarted or stopped during the scale-out."));
        Assert.True(
            after.Find(added)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) >= AddedSiloProfiles,
            $"The added {added.Name} hosts fewer than {AddedSiloProfiles} profiles: {after}");
    }
}

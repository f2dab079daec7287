using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// One of two silos is stopped gracefully (SIGTERM) under a steady read load through client-api: it
/// leaves the membership, its grains come back on the other silo from PostgreSQL, and client-api
/// retries the reads that met them on the move, so not one read fails.
/// </summary>
public sealed class GracefulShutdownTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int WarmProfiles = 40;
    private const int VictimProfiles = 5;

    private static readonly ReadLoadOptions _loadShape = new(Readers: 6, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: 5, MaxNewProfiles: 60);
    private static readonly TimeSpan _baseline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _warmUpLoad = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _recoveryLimit = TimeSpan.FromSeconds(60);

    private ClusterTopology? _topology;

    private ClusterTopology Topology => _topology ?? throw new InvalidOperationException("The topology did not start.");

    public async ValueTask InitializeAsync() =>
        _topology = await ClusterTopology.StartAsync(postgres.Server, silos: 2, clientApis: 1, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SiloStoppedUnderLoad_LeavesTheMembership_AndNoReadFails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var warm = Enumerable.Range(0, WarmProfiles).Select(_ => Topology.NextProfileId()).ToList();
        foreach (var id in warm)
        {
            var read = await api.GetProfileAsync(id, cancellationToken);
            Assert.True(read.IsOk, $"Warm-up read failed: {read}");
        }

        var before = await operatorApi.GetClusterAsync(cancellationToken);
        var victim = Topology.Silos.MaxBy(silo => before.Find(silo)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0)!;
        var survivor = Topology.Silos.Single(silo => silo != victim);
        var victimProfiles = before.Find(victim)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0;
        Assert.True(victimProfiles >= VictimProfiles, $"No silo hosts {VictimProfiles} of the {WarmProfiles} warm profiles: {before}");

        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);
        await Eventually.WaitForAsync(_ => Task.FromResult(load.Now >= _warmUpLoad + _baseline), _recoveryLimit, "the load to run for its baseline", cancellationToken);

        var stoppedAt = load.Now;
        var stopping = Stopwatch.StartNew();
        await victim.StopAsync(_stopTimeout);
        var stopTook = stopping.Elapsed;
        var baseline = LoadFigures.SuccessRate(load.Snapshot(), stoppedAt - _baseline, stoppedAt);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(LoadFigures.RecoveredAfter(load.Snapshot(), stoppedAt, baseline) is not null),
            _recoveryLimit,
            $"the load to run at {LoadFigures.FullRateShare:P0} of its {LoadFigures.Rate(baseline)} again for {LoadFigures.SecondsToConfirmRecovery} s after the stop",
            cancellationToken);
        var reads = await load.StopAsync();
        var after = await operatorApi.GetClusterAsync(cancellationToken);

        var failures = reads.Where(read => !read.Response.IsOk).ToList();
        var end = reads.Max(read => read.EndedAt);
        var recovered = LoadFigures.RecoveredAfter(reads, stoppedAt, baseline)!.Value;
        var warmSources = reads.Where(read => read.StartedAt >= stoppedAt && read.Response.IsOk && warm.Contains(read.Response.RequestedId))
            .GroupBy(read => read.Response.RequestedId)
            .Select(group => group.MinBy(read => read.StartedAt)!.Response.Source ?? "-")
            .GroupBy(source => source)
            .ToDictionary(group => group.Key, group => group.Count());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Silo stopped: SIGTERM to {victim.Name} (hosting {victimProfiles} of {WarmProfiles} warm profiles) while {_loadShape.Readers} readers read through client-api.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  it exited with {victim.Process.ExitCode} after {LoadFigures.Seconds(stopTook)}; membership now says {after.Find(victim)?.Status ?? "nothing"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  reads: {reads.Count(read => read.StartedAt < stoppedAt)} before the stop, {reads.Count(read => read.StartedAt >= stoppedAt)} after; failed: {failures.Count} {LoadFigures.FailureKinds(failures)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  rate: {LoadFigures.Rate(baseline)} before the stop, {LoadFigures.Rate(LoadFigures.SuccessRate(reads, stoppedAt + recovered, end))} after; back to full rate {LoadFigures.Seconds(recovered)} after SIGTERM");
        text.AppendLine(CultureInfo.InvariantCulture, $"  successful reads each second after SIGTERM: {string.Join(" ", LoadFigures.SecondsAfter(reads, stoppedAt))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  latency of reads started after SIGTERM: {LoadFigures.Latencies(reads, stoppedAt, end)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  warm profiles, first good read after SIGTERM came from: {string.Join(", ", warmSources.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  cluster after: {after}");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{LoadFigures.Seconds(failure.StartedAt - stoppedAt)} after SIGTERM] {failure.Response}");
        }

        TestReport.Write(text.ToString());

        Assert.True(victim.Process.ExitCode == 0, $"{victim.Name} exited with {victim.Process.ExitCode} on SIGTERM, not 0.\n{victim.Process.RecentOutput}");
        Assert.Empty(failures);
        Assert.Equal("dead", after.Find(victim)?.Status);
        Assert.Equal(1, after.ActiveSilos);
        Assert.True(survivor.IsRunning, $"{survivor.Name} stopped too.");
        Assert.True(
            warmSources.GetValueOrDefault("storage") > 0,
            $"No warm profile was reactivated from storage after the stop, so none lived on {victim.Name} and the stop handed nothing over.");
    }
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// One of two silos is killed (SIGKILL) under a steady read load through client-api, with the product's
/// membership settings. The survivor declares it dead within the probe window; meanwhile client-api
/// retries the reads of grains that lived on it, so callers see slower answers rather than errors,
/// and the load comes back to its full rate.
/// </summary>
public sealed class SiloFailoverTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 2, clientApis: 1)
{
    private const int WarmProfiles = 40;

    // The fewest warm profiles the victim must host, so that the kill tests a failover.
    private const int VictimProfiles = 5;

    // client-api retries a read for 15 s (ReadRetry:Window), longer than detection takes: no read should
    // fail. A read can still fail when a loaded machine stretches detection past that window; a handful is the bound.
    private const int MaxFailedReads = 3;

    private static readonly ReadLoadOptions _loadShape = new(Readers: 6, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: 5, MaxNewProfiles: 60);
    private static readonly TimeSpan _baseline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _warmUpLoad = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);

    // JuiceboxMembershipDefaults: NumMissedProbesLimit 3 probes, each timing out after 1-8 s as Orleans
    // adapts it (ProbeTimeout 2 s / 2 .. x 4). A refused connection fails a probe at once, so a killed
    // process is typically declared dead in 2-6 s; a degraded machine stretches the probes, up to 3 x 8 s.
    private static readonly TimeSpan _probeWindow = TimeSpan.FromSeconds(24);
    private static readonly TimeSpan _detectionSlack = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan _deathDeclarationLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _recoveryLimit = TimeSpan.FromSeconds(60);

    // Warm profiles must be read from their grains, wherever those live after the kill.
    protected override ClusterTopologyOptions Options => ClusterTopologyOptions.WithoutReadCache;

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SiloKilledUnderLoad_IsDeclaredDeadWithinTheProbeWindow_AndTheLoadRecoversWithoutFailedReads()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var warm = await WarmUpAsync(api, WarmProfiles, cancellationToken);

        var before = await operatorApi.GetClusterAsync(cancellationToken);
        var victim = Topology.Silos.MaxBy(silo => before.Find(silo)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0)!;
        var survivor = Topology.Silos.Single(silo => silo != victim);
        var victimProfiles = before.Find(victim)?.ActivationsOf(ClusterViewClientExtensions.ProfileGrain) ?? 0;
        Assert.True(victimProfiles >= VictimProfiles, $"No silo hosts {VictimProfiles} of the {WarmProfiles} warm profiles: {before}");

        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);
        await Eventually.WaitForAsync(_ => Task.FromResult(load.Now >= _warmUpLoad + _baseline), _recoveryLimit, "the load to run for its baseline", cancellationToken);

        var killedAt = load.Now;
        await victim.KillAsync();
        var deathDeclaredAfter = await Eventually.WaitForAsync(
            token => Topology.IsDeclaredDeadAsync(victim, token),
            _deathDeclarationLimit,
            $"the survivor to declare the killed {victim.Name} dead in the membership table",
            cancellationToken);
        var baseline = LoadFigures.SuccessRate(load.Snapshot(), killedAt - _baseline, killedAt);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(LoadFigures.RecoveredAfter(load.Snapshot(), killedAt, baseline) is not null),
            _recoveryLimit,
            $"the load to run at {LoadFigures.FullRateShare:P0} of its {LoadFigures.Rate(baseline)} again for {LoadFigures.SecondsToConfirmRecovery} s after the kill",
            cancellationToken);
        var reads = await load.StopAsync();

        // Every profile asked for, read once more now that the cluster has settled.
        var everyId = warm.Concat(reads.Where(read => read.IsNewProfile).Select(read => read.Response.RequestedId)).Distinct().ToList();
        List<ProfileResponse> settled = [];
        foreach (var id in everyId)
        {
            settled.Add(await api.GetProfileAsync(id, cancellationToken));
        }

        var after = await operatorApi.GetClusterAsync(cancellationToken);
        var outcome = new FailoverOutcome(reads, killedAt, deathDeclaredAfter, baseline, warm);
        TestReport.Write(outcome.Describe(victim, victimProfiles));

        Assert.All(outcome.BeforeKill, read => Assert.True(read.Response.IsOk, $"Before the kill: {read.Response}"));
        Assert.True(
            outcome.Failures.Count <= MaxFailedReads,
            $"{outcome.Failures.Count} reads failed after the kill; at most {MaxFailedReads} may:\n{string.Join("\n", outcome.Failures.Select(outcome.Describe))}");
        Assert.True(
            outcome.Failures.All(read => read.Response.IsProblem(HttpStatusCode.ServiceUnavailable)),
            "Every failed read after the kill should be a 503 problem-details answer; these were not:\n"
                + string.Join("\n", outcome.Failures.Where(read => !read.Response.IsProblem(HttpStatusCode.ServiceUnavailable)).Select(outcome.Describe)));
        Assert.True(
            deathDeclaredAfter <= _probeWindow + _detectionSlack,
            $"{victim.Name} was declared dead {LoadFigures.Seconds(deathDeclaredAfter)} after the kill; the probe window is {LoadFigures.Seconds(_probeWindow)} (+{LoadFigures.Seconds(_detectionSlack)} slack).");
        Assert.All(settled, read => Assert.True(read.IsOk, $"After recovery: {read}"));
        Assert.True(
            survivor.IsRunning && after.Find(survivor)?.Status == "active" && after.ActiveSilos == 1,
            $"The survivor {survivor.Name} should be the one active silo: {after}\n{survivor.Process.RecentOutput}");
        Assert.True(
            outcome.WarmFirstSources.GetValueOrDefault("storage") > 0,
            $"No warm profile was reactivated from storage after the kill, so none lived on {victim.Name} and the kill tested no failover.");
    }

    /// <summary>The reads of a failover run, measured from the kill.</summary>
    private sealed class FailoverOutcome(
        IReadOnlyList<TimedRead> reads,
        TimeSpan killedAt,
        TimeSpan deathDeclaredAfter,
        double baseline,
        IReadOnlyList<string> warm)
    {
        public IReadOnlyList<TimedRead> BeforeKill { get; } = [.. reads.Where(read => read.StartedAt < killedAt)];

        public IReadOnlyList<TimedRead> AfterKill { get; } = [.. reads.Where(read => read.StartedAt >= killedAt)];

        public IReadOnlyList<TimedRead> Failures => [.. reads.Where(read => !read.Response.IsOk)];

        /// <summary>Where the first successful read after the kill found each warm profile: storage means it lived on the killed silo.</summary>
        public IReadOnlyDictionary<string, int> WarmFirstSources =>
            AfterKill.Where(read => read.Response.IsOk && warm.Contains(read.Response.RequestedId))
                .GroupBy(read => read.Response.RequestedId)
                .Select(group => group.MinBy(read => read.StartedAt)!.Response.Source ?? "-")
                .GroupBy(source => source)
                .ToDictionary(group => group.Key, group => group.Count());

        public string Describe(TimedRead read) =>
            $"  [{LoadFigures.Seconds(read.StartedAt - killedAt)} → {LoadFigures.Seconds(read.EndedAt - killedAt)} after the kill] {read.Response}";

        public string Describe(JuiceboxHost victim, int victimProfiles)
        {
            var end = reads.Max(read => read.EndedAt);
            var recovered = LoadFigures.RecoveredAfter(reads, killedAt, baseline);
            var after = recovered is { } at ? LoadFigures.SuccessRate(reads, killedAt + at, end) : 0;
            var slowest = AfterKill.MaxBy(read => read.Response.Elapsed);

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Silo killed: SIGKILL to {victim.Name} (hosting {victimProfiles} of {warm.Count} warm profiles) while {_loadShape.Readers} readers read through client-api.");
            text.AppendLine(CultureInfo.InvariantCulture, $"  declared dead in the membership table {LoadFigures.Seconds(deathDeclaredAfter)} after the kill");
            text.AppendLine(CultureInfo.InvariantCulture, $"  reads: {BeforeKill.Count} before the kill, {AfterKill.Count} after; failed: {Failures.Count} {LoadFigures.FailureKinds(Failures)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  rate: {LoadFigures.Rate(baseline)} before the kill, {LoadFigures.Rate(after)} after recovery; back to full rate {(recovered is { } r ? LoadFigures.Seconds(r) : "never")} after the kill");
            text.AppendLine(CultureInfo.InvariantCulture, $"  successful reads each second after the kill: {string.Join(" ", LoadFigures.SecondsAfter(reads, killedAt))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  latency of reads started after the kill: {LoadFigures.Latencies(reads, killedAt, end)}; slowest {slowest?.Response}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  warm profiles, first good read after the kill came from: {string.Join(", ", WarmFirstSources.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
            foreach (var failure in Failures)
            {
                text.AppendLine(Describe(failure));
            }

            return text.ToString();
        }
    }
}

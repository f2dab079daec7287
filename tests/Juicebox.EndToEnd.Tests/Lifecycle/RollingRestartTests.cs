using System.Diagnostics;
using System.Globalization;
using System.Text;
using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>
/// The quick part of the rolling-restart drill (<c>scripts/rolling-restart-drill.sh</c> is the full
/// one: 3 silos, 2 client-apis, a proxy, 5,000 profiles): each silo of a 2-silo cluster is restarted in
/// turn, SIGTERM and a new silo in its place, the next one only once the membership is stable again,
/// while readers read warm profiles through client-api and
/// an enrichment job is in the middle of its work at every SIGTERM. Not one read fails, every job
/// finishes with every profile done, none lost and none paid twice (the sandbox's counters).
/// </summary>
public sealed class RollingRestartTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: Silos, clientApis: 1)
{
    private const int Silos = 2;
    private const int Partitions = 2;
    private const int WarmProfiles = 10;

    // Two batches of 100 per partition, each a slow upstream call: the job is mid-way at the first settled batch.
    private const int ProfilesPerJob = 400;

    private static readonly ReadLoadOptions _loadShape = new(Readers: 4, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: int.MaxValue, MaxNewProfiles: 0);

    // Slow only so that the second batches are still in flight at the SIGTERM that follows the first
    // settled one (a poll away): 1.5-2 s is ample, and the held batches come back sooner after each step.
    private static readonly SandboxFaultOptions _upstreamPace = new() { LatencyMs = 1_500, JitterMs = 500 };
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(20);

    // Far longer than the test: a held request that comes back at all came back by the hand-over.
    private static readonly TimeSpan _visibilityTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _phaseLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _finishLimit = TimeSpan.FromSeconds(120);

    protected override ClusterTopologyOptions Options => new()
    {
        HostSettings = new Dictionary<string, string?>
        {
            ["Enrichment__Partitions"] = Partitions.ToString(CultureInfo.InvariantCulture),
            ["Streams__enrichment__VisibilityTimeout"] = _visibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Hosting__ShutdownTimeout"] = _shutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
        },
    };

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task EachSiloRestartedInTurn_UnderReadsAndMidJob_NoReadFails_AndNoEnrichmentIsLostOrPaidTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var warm = await WarmUpAsync(api, WarmProfiles, cancellationToken);

        await Topology.Upstream.SetFaultsAsync(_upstreamPace, cancellationToken);
        var upstreamBefore = await Topology.Upstream.GetStatsAsync(cancellationToken);
        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);

        List<EnrichmentJobAccepted> jobs = [];
        List<RestartStep> steps = [];
        foreach (var silo in Topology.Silos.ToList())
        {
            var job = await api.SubmitEnrichmentJobAsync([.. Enumerable.Range(0, ProfilesPerJob).Select(_ => Topology.NextProfileId())], cancellationToken);
            Assert.Equal(ProfilesPerJob, job.Accepted);
            jobs.Add(job);
            EnrichmentJobStatus? atStop = null;
            await Eventually.WaitForAsync(
                async token => (atStop = await api.TryGetEnrichmentJobAsync(job.StatusUrl, token) ?? atStop) is { Settled: > 0 },
                _phaseLimit,
                $"a first batch of job {job.JobId} to be settled before {silo.Name} is stopped",
                cancellationToken);
            Assert.True(atStop!.FinishedAt is null, $"Job {job.JobId} finished before {silo.Name} was stopped, so the stop would test nothing: {atStop}");

            steps.Add(await RestartAsync(silo, operatorApi, load, atStop, cancellationToken));
        }

        var reads = await load.StopAsync();
        List<EnrichmentJobStatus> finals = [];
        foreach (var job in jobs)
        {
            await Eventually.WaitForAsync(
                async token => (await api.TryGetEnrichmentJobAsync(job.StatusUrl, token))?.FinishedAt is not null,
                _finishLimit,
                $"job {job.JobId} to finish after the rolling restart (its held requests come back only if the stopped silos handed them back)",
                cancellationToken);
            finals.Add(await api.TryGetEnrichmentJobAsync(job.StatusUrl, cancellationToken)
                ?? throw new InvalidOperationException($"Job {job.JobId}'s status did not answer after it finished."));
        }

        var upstreamAfter = await Topology.Upstream.GetStatsAsync(cancellationToken);
        await Topology.Upstream.ClearFaultsAsync(cancellationToken);
        var charged = upstreamAfter.Enrichments.Charged - upstreamBefore.Enrichments.Charged;
        var distinct = upstreamAfter.Enrichments.DistinctProfiles - upstreamBefore.Enrichments.DistinctProfiles;
        var failures = reads.Where(read => !read.Response.IsOk).ToList();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Rolling restart of {Silos} silos under {_loadShape.Readers} readers through {clientApi.Name}, a {ProfilesPerJob}-profile job mid-way at each SIGTERM:");
        report.AppendLine("| Step | Silo | Job at SIGTERM | Stop (SIGTERM to exit), s | Start (to live), s | Membership stable again, s | Reads during the step (failed) |");
        report.AppendLine("|---:|---|---|---:|---:|---:|---:|");
        foreach (var (step, number) in steps.Select((step, index) => (step, index + 1)))
        {
            var during = reads.Where(read => read.StartedAt >= step.StoppedAt && read.StartedAt < step.StableAt).ToList();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {number} | {step.Stopped.Name} -> {step.Replacement.Name} | {step.JobAtStop.Settled}/{step.JobAtStop.Total} settled | {step.Stopped.Took.TotalSeconds:0.0} (exit {step.Stopped.ExitCode}) | {step.Start.TotalSeconds:0.0} | {step.Stable.TotalSeconds:0.0} | {during.Count} ({during.Count(read => !read.Response.IsOk)}) |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"Reads: {reads.Count}, failed: {failures.Count}. Jobs: {string.Join("; ", finals)}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Upstream: {charged} enrichments charged for {distinct} distinct profiles.");
        foreach (var failure in failures.Take(20))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  [{failure.StartedAt.TotalSeconds:0.000} s into the load] {failure.Response}");
        }

        TestReport.Write(report.ToString());

        Assert.Empty(failures);
        Assert.All(steps, step => Assert.True(
            !step.Stopped.Killed && step.Stopped.ExitCode == 0, $"{step.Stopped} should have stopped completely by itself."));
        Assert.All(steps, step => Assert.True(
            reads.Any(read => read.StartedAt >= step.StoppedAt && read.StartedAt < step.StableAt),
            $"No read ran while {step.Stopped.Name} was being replaced, so the step tested nothing."));
        Assert.All(finals, final => Assert.True(final.Done == ProfilesPerJob && final.Failed == 0, $"Every profile should be done and none failed: {final}"));
        Assert.Equal(jobs.Count * ProfilesPerJob, distinct);
        Assert.Equal(distinct, charged);
        Assert.Equal(Silos, Topology.Silos.Count);
    }

    /// <summary>
    /// SIGTERM to <paramref name="silo"/>, a new silo in its place, and a wait until the membership lists
    /// it and no other change. client-api learns the new gateway from the membership table (every 5 s) but
    /// keeps sending calls for grains it already called over the connection it has; it connects to the
    /// new silo when that connection closes, which the next step's SIGTERM does.
    /// </summary>
    private async Task<RestartStep> RestartAsync(
        JuiceboxHost silo, HttpClient operatorApi, ReadLoad load, EnrichmentJobStatus jobAtStop, CancellationToken cancellationToken)
    {
        var stoppedAt = load.Now;
        var stopped = await StoppedHost.StopAsync(silo, _shutdownTimeout * 2);
        var clock = Stopwatch.StartNew();
        var replacement = await Topology.StartSiloAsync(cancellationToken);
        var started = clock.Elapsed;
        clock.Restart();
        ClusterView? last = null;
        try
        {
            await Eventually.WaitForAsync(
                async token => (last = await operatorApi.TryGetClusterAsync(token) ?? last) is { } view
                    && view.ActiveSilos == Silos
                    && view.Find(replacement) is { Status: "active" },
                _phaseLimit,
                $"{replacement.Name} to be active and {Silos} silos active in the membership",
                cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message} Last seen: {last}", exception);
        }

        return new RestartStep(stopped, replacement, jobAtStop, started, clock.Elapsed, stoppedAt, load.Now);
    }

    /// <summary>One silo's turn: how it stopped, its replacement, and when (on the load's clock) the step began and ended.</summary>
    private sealed record RestartStep(
        StoppedHost Stopped,
        JuiceboxHost Replacement,
        EnrichmentJobStatus JobAtStop,
        TimeSpan Start,
        TimeSpan Stable,
        TimeSpan StoppedAt,
        TimeSpan StableAt);
}

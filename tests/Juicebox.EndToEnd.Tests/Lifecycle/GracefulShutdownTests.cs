using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>
/// SIGTERM to a silo and a client-api at once, in the middle of an enrichment job and under a read
/// load through that client-api, with PostgreSQL up. No read the client-api had accepted fails (the
/// ones that arrive after the signal get 503 + Retry-After, or find the port closed); the stopping
/// silo's workers finish their batch in flight and hand the requests they hold back to the queue, so
/// the job finishes long before those requests' leases (10 minutes here) could expire: every profile
/// done, none lost, none paid twice (the sandbox's counters); both hosts exit by themselves, in time.
/// The job's event stream open on the stopping client-api ends with a <c>reconnect</c> event.
/// </summary>
public sealed partial class GracefulShutdownTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 2, clientApis: 2)
{
    private const int Partitions = 4;
    private const int Profiles = 600;
    private const int WarmProfiles = 40;
    private const int Readers = 4;
    private const double SettledBeforeTheSignal = 0.15;

    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(20);

    // Far longer than the test: a held request that comes back at all came back by the hand-over.
    private static readonly TimeSpan _visibilityTimeout = TimeSpan.FromMinutes(10);
    private static readonly SandboxFaultOptions _upstreamPace = new() { LatencyMs = 1_000, JitterMs = 500 };
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _signalPointLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _finishLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _warmLimit = TimeSpan.FromSeconds(60);

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
    public async Task SigtermUnderLoad_NoAcceptedReadFails_AndEveryJobItemEndsDoneWithNoneLostOrPaidTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var victimApi = Topology.ClientApis[0];
        var survivorApi = Topology.ClientApis[1];
        using var survivor = survivorApi.CreateApiClient(_requestTimeout);
        using var victim = victimApi.CreateApiClient(_requestTimeout);

        var warm = Enumerable.Range(0, WarmProfiles).Select(_ => Topology.NextProfileId()).ToList();
        foreach (var id in warm)
        {
            // The first reads of a new cluster may time out on a busy machine: they are not what is tested.
            await Eventually.WaitForAsync(
                async token =>
                {
                    try
                    {
                        using var response = await survivor.GetAsync($"api/v1/profiles/{id}", token);
                        return response.IsSuccessStatusCode;
                    }
                    catch (TaskCanceledException) when (!token.IsCancellationRequested)
                    {
                        return false;
                    }
                },
                _warmLimit,
                $"profile {id} to be read once before the test",
                cancellationToken);
        }

        var ids = Enumerable.Range(0, Profiles).Select(_ => Topology.NextProfileId()).ToList();
        await Topology.Upstream.SetFaultsAsync(_upstreamPace, cancellationToken);
        var upstreamBefore = await Topology.Upstream.GetStatsAsync(cancellationToken);
        var job = await survivor.SubmitEnrichmentJobAsync(ids, cancellationToken);
        Assert.Equal(Profiles, job.Accepted);

        await using var reads = new RecordedReads(victim, warm);
        reads.Start(Readers);
        EnrichmentJobStatus? atSignal = null;
        await Eventually.WaitForAsync(
            async token => (atSignal = await survivor.TryGetEnrichmentJobAsync(job.StatusUrl, token) ?? atSignal) is { } status
                && status.Settled >= SettledBeforeTheSignal * Profiles,
            _signalPointLimit,
            $"{SettledBeforeTheSignal:P0} of the {Profiles} profiles to be settled before the signal",
            cancellationToken);
        Assert.True(atSignal!.FinishedAt is null, $"The job finished before the signal, so the signal would test nothing: {atSignal}");

        await using var events = await JobEventStream.OpenAsync(victim, job.StatusUrl, _signalPointLimit, cancellationToken);
        var victimSilo = SiloWorkingTheMostPartitions();
        var signalAt = reads.Now;
        var stopped = await Task.WhenAll(
            StoppedHost.StopAsync(victimSilo, _shutdownTimeout * 2),
            StoppedHost.StopAsync(victimApi, _shutdownTimeout * 2));
        await reads.StopAsync();
        var streamed = await events.WaitForEndAsync(_shutdownTimeout * 2, cancellationToken);

        var finishedAfter = await Eventually.WaitForAsync(
            async token => (await survivor.TryGetEnrichmentJobAsync(job.StatusUrl, token))?.FinishedAt is not null,
            _finishLimit,
            $"job {job.JobId} to finish after {victimSilo.Name} stopped (its held requests come back only if it handed them back)",
            cancellationToken);
        var final = await survivor.TryGetEnrichmentJobAsync(job.StatusUrl, cancellationToken)
            ?? throw new InvalidOperationException("The job's status did not answer after it finished.");
        var upstreamAfter = await Topology.Upstream.GetStatsAsync(cancellationToken);
        await Topology.Upstream.ClearFaultsAsync(cancellationToken);

        var charged = upstreamAfter.Enrichments.Charged - upstreamBefore.Enrichments.Charged;
        var distinct = upstreamAfter.Enrichments.DistinctProfiles - upstreamBefore.Enrichments.DistinctProfiles;
        var before = reads.Reads.Where(read => read.StartedAt < signalAt).ToList();
        var after = reads.Reads.Where(read => read.StartedAt >= signalAt).ToList();
        var handedBack = HandedBack().Matches(victimSilo.Process.RecentOutput).Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Graceful shutdown with PostgreSQL up (Hosting__ShutdownTimeout {_shutdownTimeout.TotalSeconds:0} s): SIGTERM to {victimSilo.Name} and {victimApi.Name} with job {Profiles} profiles at {atSignal}");
        foreach (var host in stopped)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {host}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"  reads through {victimApi.Name} started before the signal: {Summary(before)}; after: {Summary(after)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  {victimSilo.Name} handed {handedBack} held requests back; job finished {finishedAfter.TotalSeconds:0.0} s after the stop: {final}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  upstream: {charged} enrichments charged for {distinct} distinct profiles");
        report.AppendLine(CultureInfo.InvariantCulture, $"  the job's event stream on {victimApi.Name}: {string.Join(", ", streamed.GroupBy(e => e.Name).Select(group => $"{group.Count()} {group.Key}"))}, the last one {streamed[^1].Name}");
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        TestContext.Current.SendDiagnosticMessage(report.ToString());

        Assert.All(stopped, host => Assert.True(!host.Killed && host.ExitCode == 0, $"{host} should have stopped completely by itself."));
        Assert.NotEmpty(before);
        Assert.All(before, read => Assert.True(
            read.Outcome is ReadOutcome.Answered or ReadOutcome.RefusedWhileStopping,
            $"A read started {read.StartedAt.TotalSeconds:0.000} s, before the signal at {signalAt.TotalSeconds:0.000} s, failed: {read.Detail}"));
        Assert.All(after, read => Assert.True(read.Outcome != ReadOutcome.Failed, $"A read after the signal failed instead of being refused: {read.Detail}"));
        Assert.True(final.Done == Profiles && final.Failed == 0, $"Every profile should be done and none failed: {final}");
        var last = streamed[^1];
        Assert.Equal<(string, int?, Guid?)>(("reconnect", 1_000, job.JobId), (last.Name, last.RetryMilliseconds, last.JobId()));
        Assert.All(streamed.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.Equal(Profiles, distinct);
        Assert.Equal(distinct, charged);
    }

    private JuiceboxHost SiloWorkingTheMostPartitions() =>
        Topology.Silos.MaxBy(silo => WorkerActivated().Matches(silo.Process.RecentOutput).Select(match => match.Groups[1].Value).Distinct().Count())!;

    private static string Summary(IReadOnlyList<RecordedRead> reads) =>
        string.Join(", ", reads.GroupBy(read => read.Outcome).OrderBy(group => group.Key).Select(group => $"{group.Count()} {group.Key}"));

    [GeneratedRegex(@"Enrichment partition (\d+): worker activated on this silo")]
    private static partial Regex WorkerActivated();

    [GeneratedRegex(@"handed (\d+) of \d+ held requests back to the queue")]
    private static partial Regex HandedBack();
}

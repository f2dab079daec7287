using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// The silo that works the most enrichment partitions is killed (SIGKILL) in the middle of a job.
/// Its workers had not acknowledged the requests they held, so the queue delivers them again after
/// its visibility timeout, to workers on the survivors: the job finishes with every profile done and
/// none lost, and at most what was in flight on the killed silo is paid for twice.
/// </summary>
public sealed partial class EnrichmentFailoverTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: Silos, clientApis: 1)
{
    private const int Silos = 3;
    private const int Partitions = 4;
    private const int Profiles = 1_600;

    /// <summary>The most profiles one upstream batch call (and so one worker at a time) has in flight.</summary>
    private const int BatchSize = 100;

    private const double SettledBeforeTheKill = 0.15;
    private const string EnrichmentProvider = "enrichment";
    private const string BatchCall = "POST /enrich/batch";
    private const string SingleCall = "POST /enrich";

    // Each upstream call takes 1.5-2.5 s, so a worker's 4 batches take 6-10 s and the kill (after the
    // first batches, at 15 %) finds at least 12 of the job's 16 batches to do. The key (sb_enterprise)
    // never throttles the ~20 calls of the job.
    private static readonly SandboxFaultOptions _upstreamPace = new() { LatencyMs = 1_500, JitterMs = 1_000 };

    // Held requests come back this long after their last lease renewal; the product's default is a minute.
    private static readonly TimeSpan _visibilityTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _killPointLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _finishLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _settleLimit = TimeSpan.FromSeconds(30);

    protected override ClusterTopologyOptions Options => new()
    {
        HostSettings = new Dictionary<string, string?>
        {
            ["Enrichment__Partitions"] = Partitions.ToString(CultureInfo.InvariantCulture),
            ["Streams__enrichment__VisibilityTimeout"] = _visibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
        },
    };

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SiloKilledMidJob_HeldRequestsAreRedelivered_JobFinishesWithEveryProfileDoneAndFewPaidTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var ids = Enumerable.Range(0, Profiles).Select(_ => Topology.NextProfileId()).ToList();
        await Topology.Upstream.SetFaultsAsync(_upstreamPace, cancellationToken);
        var upstreamBefore = await Topology.Upstream.GetStatsAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var job = await api.SubmitEnrichmentJobAsync(ids, cancellationToken);
        Assert.Equal(Profiles, job.Accepted);

        EnrichmentJobStatus? atKill = null;
        await Eventually.WaitForAsync(
            async token =>
            {
                atKill = await api.TryGetEnrichmentJobAsync(job.StatusUrl, token) ?? atKill;
                return atKill is { } status && status.Settled >= SettledBeforeTheKill * Profiles;
            },
            _killPointLimit,
            $"{SettledBeforeTheKill:P0} of the {Profiles} profiles to be settled before the kill",
            cancellationToken);
        Assert.True(atKill!.FinishedAt is null, $"The job finished before the kill, so the kill would test nothing: {atKill}");

        var queueAtKill = await operatorApi.TryGetEnrichmentQueueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The operator queue endpoint did not answer before the kill.");
        var (victim, victimPartitions) = SiloWorkingTheMostPartitions();
        var leasesAtKill = await StreamQueueLeases.ReadAsync(Topology.ConnectionString, EnrichmentProvider, cancellationToken);
        var killedAt = clock.Elapsed;
        await victim.KillAsync();

        var watch = new AfterTheKill(Topology, victim, api, job.StatusUrl, leasesAtKill);
        TimeSpan finishedAfter;
        try
        {
            finishedAfter = await Eventually.WaitForAsync(
                watch.ProbeAsync,
                _finishLimit,
                $"job {job.JobId} to finish after {victim.Name} was killed",
                cancellationToken);
        }
        catch (TimeoutException timeout)
        {
            var queue = await operatorApi.TryGetEnrichmentQueueAsync(cancellationToken);
            throw new TimeoutException($"{timeout.Message} {watch.Describe()}; queue: {Describe(queue)}", timeout);
        }

        var final = watch.LastStatus!;

        DeadLetterPage? deadLetters = null;
        await Eventually.WaitForAsync(
            async token => (deadLetters = await operatorApi.TryGetEnrichmentDeadLettersAsync(token)) is not null,
            _settleLimit,
            "the operator dead-letter endpoint to answer",
            cancellationToken);
        var upstreamAfter = await Topology.Upstream.GetStatsAsync(cancellationToken);
        await Topology.Upstream.ClearFaultsAsync(cancellationToken);

        var charged = upstreamAfter.Enrichments.Charged - upstreamBefore.Enrichments.Charged;
        var distinct = upstreamAfter.Enrichments.DistinctProfiles - upstreamBefore.Enrichments.DistinctProfiles;
        var paidTwice = charged - distinct;
        var paidTwiceLimit = BatchSize * victimPartitions.Count;
        var outcome = new StringBuilder();
        outcome.AppendLine(CultureInfo.InvariantCulture, $"Enrichment failover: {Profiles} profiles, {Partitions} partitions, {Silos} silos, upstream calls {_upstreamPace.LatencyMs}-{_upstreamPace.LatencyMs + _upstreamPace.JitterMs} ms, visibility timeout {Seconds(_visibilityTimeout)}.");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  SIGKILL to {victim.Name}, which worked partitions {string.Join(", ", victimPartitions.Order())}, {Seconds(killedAt)} after the job was accepted; job then: {atKill}");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  held at the kill: {Held(queueAtKill, victimPartitions)} on {victim.Name}; whole queue: ready {queueAtKill.Ready}, in flight {queueAtKill.InFlight}");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  after the kill: declared dead {Seconds(watch.DeclaredDeadAfter)}, first redelivery {Seconds(watch.FirstRedeliveryAfter)}, job finished {Seconds(finishedAfter)} (whole job {Seconds(killedAt + finishedAfter)})");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  messages delivered again: {watch.Redelivered.Count}; job polls without an answer (503 or none) after the kill: {watch.UnansweredPolls} of {watch.Polls}");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  job: {final}");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  upstream: {Delta(upstreamBefore.Calls, upstreamAfter.Calls, BatchCall)} batch and {Delta(upstreamBefore.Calls, upstreamAfter.Calls, SingleCall)} single enrich calls, {Delta(upstreamBefore.Statuses, upstreamAfter.Statuses, "429")} answered 429; {charged} enrichments charged for {distinct} distinct profiles: {paidTwice} paid twice (limit {paidTwiceLimit})");
        outcome.AppendLine(CultureInfo.InvariantCulture, $"  dead letters: {deadLetters!.Items.Count}");
        Report(outcome.ToString());

        Assert.Equal(Profiles, final.Total);
        Assert.True(final.Done == Profiles && final.Failed == 0, $"Every profile should be done and none failed: {final}");
        Assert.Equal(Profiles, distinct);
        Assert.InRange(paidTwice, 0, paidTwiceLimit);
        Assert.Empty(deadLetters.Items);
        Assert.True(
            watch.Redelivered.Count > 0,
            $"No request held at the kill was delivered again, so {victim.Name} held none and the kill tested no redelivery.");
    }

    /// <summary>The running silo whose log says it activated the most enrichment workers (each logs its partition once).</summary>
    private (JuiceboxHost Silo, IReadOnlySet<int> Partitions) SiloWorkingTheMostPartitions()
    {
        var bySilo = Topology.Silos
            .Select(silo => (Silo: silo, Partitions: (IReadOnlySet<int>)WorkerActivated().Matches(silo.Process.RecentOutput)
                .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
                .ToHashSet()))
            .ToList();
        var busiest = bySilo.MaxBy(entry => entry.Partitions.Count);
        Assert.True(
            busiest.Partitions.Count > 0,
            "No silo logged an enrichment worker's activation, so the silo to kill cannot be chosen.");
        return busiest;
    }

    private static string Held(EnrichmentQueueSnapshot queue, IReadOnlySet<int> partitions)
    {
        var held = queue.Workers.Where(worker => partitions.Contains(worker.Partition)).Select(worker => worker.Backlog).ToList();
        return $"{held.Sum(backlog => backlog.PendingProfiles)} profiles in {held.Sum(backlog => backlog.HeldMessages)} requests";
    }

    private static string Describe(EnrichmentQueueSnapshot? queue) => queue is null
        ? "no answer"
        : $"ready {queue.Ready}, in flight {queue.InFlight}, dead letters {queue.DeadLetters}, workers "
            + string.Join(", ", queue.Workers.Select(worker => $"{worker.Partition}: {worker.Backlog.PendingProfiles} profiles in {worker.Backlog.HeldMessages} requests"));

    private static int Delta(Dictionary<string, int> before, Dictionary<string, int> after, string key) =>
        after.GetValueOrDefault(key) - before.GetValueOrDefault(key);

    private static string Seconds(TimeSpan? value) =>
        value is { } time ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s") : "never";

    private static void Report(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }

    [GeneratedRegex(@"Enrichment partition (\d+): worker activated on this silo")]
    private static partial Regex WorkerActivated();

    /// <summary>What one poll after the kill looks at: the job, the membership table and the queue's leases.</summary>
    private sealed class AfterTheKill(
        ClusterTopology topology,
        JuiceboxHost victim,
        HttpClient api,
        string statusUrl,
        IReadOnlyDictionary<long, long?> leasesAtKill)
    {
        private readonly Stopwatch _sinceKill = Stopwatch.StartNew();
        private readonly HashSet<long> _redelivered = [];

        public EnrichmentJobStatus? LastStatus { get; private set; }

        public int Polls { get; private set; }

        public int UnansweredPolls { get; private set; }

        public TimeSpan? DeclaredDeadAfter { get; private set; }

        public TimeSpan? FirstRedeliveryAfter { get; private set; }

        public IReadOnlySet<long> Redelivered => _redelivered;

        public string Describe() =>
            $"Last job status: {LastStatus?.ToString() ?? "none"}; {victim.Name} declared dead after {Seconds(DeclaredDeadAfter)}; "
            + $"{_redelivered.Count} requests delivered again, the first after {Seconds(FirstRedeliveryAfter)}; {UnansweredPolls} of {Polls} polls unanswered";

        public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
        {
            if (DeclaredDeadAfter is null && await topology.IsDeclaredDeadAsync(victim, cancellationToken))
            {
                DeclaredDeadAfter = _sinceKill.Elapsed;
            }

            var leases = await StreamQueueLeases.ReadAsync(topology.ConnectionString, EnrichmentProvider, cancellationToken);
            foreach (var messageId in StreamQueueLeases.Redelivered(leasesAtKill, leases))
            {
                _redelivered.Add(messageId);
                FirstRedeliveryAfter ??= _sinceKill.Elapsed;
            }

            Polls++;
            var status = await api.TryGetEnrichmentJobAsync(statusUrl, cancellationToken);
            if (status is null)
            {
                UnansweredPolls++;
                return false;
            }

            LastStatus = status;
            return status.FinishedAt is not null;
        }
    }
}

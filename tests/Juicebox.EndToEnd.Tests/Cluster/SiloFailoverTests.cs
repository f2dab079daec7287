using System.Globalization;
using System.Net;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// One of two silos is killed (SIGKILL) while callers keep reading through client-api. Until the
/// survivor declares it dead, calls to grains that lived on it can fail; client-api retries reads, and
/// whatever still fails must be a 503 problem-details answer, never a 500 or a hang.
/// </summary>
public sealed class SiloFailoverTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int WarmProfiles = 24;
    private const int ReadsBeforeTheKill = 20;
    private const int SuccessesInARowToRecover = 40;
    private static readonly ReadLoadOptions _loadShape = new(Readers: 4, ReadInterval: TimeSpan.FromMilliseconds(100), NewProfileEvery: 4, MaxNewProfiles: 60);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _slowRead = TimeSpan.FromSeconds(1);

    // Defaults (ClusterMembershipOptions, not configurable through the product) declare a silo dead in
    // about 3 probe periods of 2.5-5 s after its TCP connections reset; allow a loaded machine far more.
    private static readonly TimeSpan _deathDeclarationLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _recoveryLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _loadStartLimit = TimeSpan.FromSeconds(30);

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
    public async Task SiloKilled_ReadsKeepWorking_AndFailuresInTheDetectionWindowAre503ProblemDetails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var api = Topology.ClientApis.Single().CreateApiClient(_requestTimeout);
        var warm = Enumerable.Range(0, WarmProfiles).Select(_ => Topology.NextProfileId()).ToList();
        foreach (var id in warm)
        {
            var read = await api.GetProfileAsync(id, cancellationToken);
            Assert.True(read.IsOk, $"Warm-up read failed: {read}");
        }

        var victim = Topology.Silos[0];
        var upstreamBefore = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken);
        await using var load = new ReadLoad(api, warm, Topology.NextProfileId, _loadShape);
        load.Start(cancellationToken);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(load.Completed >= ReadsBeforeTheKill), _loadStartLimit, $"{ReadsBeforeTheKill} reads before the kill", cancellationToken);

        var killedAt = load.Now;
        await victim.KillAsync();
        var deathDeclaredAfter = await Eventually.WaitForAsync(
            token => Topology.IsDeclaredDeadAsync(victim, token),
            _deathDeclarationLimit,
            $"the survivor to declare the killed {victim.Name} dead in the membership table",
            cancellationToken);
        var completedAtDeclaration = load.Completed;
        await Eventually.WaitForAsync(
            _ => Task.FromResult(load.SuccessesInARow >= SuccessesInARowToRecover && load.Completed - completedAtDeclaration >= SuccessesInARowToRecover),
            _recoveryLimit,
            $"{SuccessesInARowToRecover} successful reads in a row after {victim.Name} was declared dead",
            cancellationToken);
        var reads = await load.StopAsync();

        // Every profile asked for, read once more now that the cluster has settled.
        var everyId = warm.Concat(reads.Where(read => read.IsNewProfile).Select(read => read.Response.RequestedId)).Distinct().ToList();
        List<ProfileResponse> settled = [];
        foreach (var id in everyId)
        {
            settled.Add(await api.GetProfileAsync(id, cancellationToken));
        }

        var upstreamCalls = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken) - upstreamBefore;
        var outcome = new FailoverOutcome(reads, killedAt, deathDeclaredAfter, warm, upstreamCalls);
        Report(outcome.Describe(victim));

        Assert.All(outcome.BeforeKill, read => Assert.True(read.Response.IsOk, $"Before the kill: {read.Response}"));
        Assert.True(
            outcome.Failures.All(read => read.Response.IsProblem(HttpStatusCode.ServiceUnavailable)),
            "Every failed read after the kill should be a 503 problem-details answer; these were not:\n"
                + string.Join("\n", outcome.Failures.Where(read => !read.Response.IsProblem(HttpStatusCode.ServiceUnavailable)).Select(outcome.Describe)));
        Assert.All(settled, read => Assert.True(read.IsOk, $"After recovery: {read}"));
        Assert.True(
            outcome.WarmFirstSources.GetValueOrDefault("storage") > 0,
            $"No warm profile was reactivated from storage after the kill, so none lived on {victim.Name} and the kill tested no failover.");
    }

    private static void Report(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }

    /// <summary>The reads of a failover run, measured from the kill.</summary>
    private sealed class FailoverOutcome(
        IReadOnlyList<TimedRead> reads,
        TimeSpan killedAt,
        TimeSpan deathDeclaredAfter,
        IReadOnlyList<string> warm,
        int upstreamCalls)
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
            $"  [{Seconds(read.StartedAt - killedAt)} → {Seconds(read.EndedAt - killedAt)} after the kill] {read.Response}";

        public string Describe(ClusterHost victim)
        {
            var failures = Failures;
            var slow = AfterKill.Where(read => read.Response.Elapsed >= _slowRead).ToList();
            var lastFailure = failures.Count == 0 ? TimeSpan.Zero : failures.Max(read => read.EndedAt) - killedAt;
            var lastSlow = slow.Count == 0 ? TimeSpan.Zero : slow.Max(read => read.EndedAt) - killedAt;
            var latencies = AfterKill.Select(read => read.Response.Elapsed.TotalMilliseconds).Order().ToList();
            var newProfiles = reads.Where(read => read.IsNewProfile).Select(read => read.Response.RequestedId).Distinct().Count();

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Silo failover: SIGKILL to {victim.Name} while {_loadShape.Readers} readers read through client-api.");
            text.AppendLine(CultureInfo.InvariantCulture, $"  declared dead in the membership table {Seconds(deathDeclaredAfter)} after the kill");
            text.AppendLine(CultureInfo.InvariantCulture, $"  reads: {BeforeKill.Count} before the kill, {AfterKill.Count} after; failed: {failures.Count} ({Kinds(failures)})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  time to recovery: {Seconds(Max(lastFailure, lastSlow))} (last failed read ended {Seconds(lastFailure)}, last read slower than {Seconds(_slowRead)} ended {Seconds(lastSlow)} after the kill; {slow.Count} slow reads)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  latency after the kill: p50 {Percentile(latencies, 0.5):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {Percentile(latencies, 1):0} ms");
            text.AppendLine(CultureInfo.InvariantCulture, $"  warm profiles, first good read after the kill came from: {string.Join(", ", WarmFirstSources.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  upstream profile calls during the load and the final pass: {upstreamCalls} for {newProfiles} new profiles");
            foreach (var failure in failures)
            {
                text.AppendLine(Describe(failure));
            }

            return text.ToString();
        }

        private static string Kinds(IEnumerable<TimedRead> failures) => string.Join(", ", failures
            .GroupBy(read => read.Response.Status is { } status ? $"{(int)status} {read.Response.ProblemType}" : "no answer")
            .Select(group => $"{group.Count()} × {group.Key}"));

        private static double Percentile(List<double> sorted, double fraction) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

        private static TimeSpan Max(TimeSpan first, TimeSpan second) => first > second ? first : second;

        private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0} s");
    }
}

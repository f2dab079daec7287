using System.Globalization;
using System.Net;
using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Faults;

/// <summary>
/// PostgreSQL shut down (<c>pg_ctl stop -m fast</c>) and started again under a steady read load and
/// during an enrichment job, with two silos and a client-api as processes: hot reads are answered from
/// memory throughout, <c>/health/ready</c> says the database is down while it is, a submit meanwhile is
/// refused with 503 + Retry-After (never a 202), the job finishes with every profile done, and no
/// silo is declared dead because the membership table was away.
/// </summary>
public sealed class DatabaseRestartTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int HotProfiles = 30;
    private const int JobProfiles = 400;
    private const int SubmitsDuringOutage = 3;
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _stateLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _finishLimit = TimeSpan.FromSeconds(150);

    // Each upstream call takes half a second, so the job is still running when the database goes.
    private static readonly SandboxFaultOptions _upstreamPace = new() { LatencyMs = 500 };

    private ClusterTopology? _topology;

    private ClusterTopology Topology => _topology ?? throw new InvalidOperationException("The topology did not start.");

    public async ValueTask InitializeAsync() =>
        _topology = await ClusterTopology.StartAsync(postgres.Server, silos: 2, clientApis: 1, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Whatever happened, the assembly's server must be up for the tests after this one.
        await postgres.Server.RecoverAsync();
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task FastShutdownAndStartUnderLoad_HotReadsServed_SubmitsRefused503_JobFinishes_NoSiloDeclaredDead()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        using var api = clientApi.CreateApiClient(_requestTimeout);
        using var operatorApi = clientApi.CreateOperatorClient(_requestTimeout);
        var hot = Enumerable.Range(0, HotProfiles).Select(index => Topology.NextProfileId()).ToList();
        foreach (var id in hot)
        {
            var warm = await api.GetProfileAsync(id, cancellationToken);
            Assert.True(warm.IsOk, warm.ToString());
        }

        await Topology.Upstream.SetFaultsAsync(_upstreamPace, cancellationToken);
        var jobIds = Enumerable.Range(0, JobProfiles).Select(index => Topology.NextProfileId()).ToList();
        var job = await api.SubmitEnrichmentJobAsync(jobIds, cancellationToken);
        await Eventually.WaitForAsync(
            async token => (await api.TryGetEnrichmentJobAsync(job.StatusUrl, token))?.Settled > 0,
            _stateLimit,
            "the job to settle its first profiles before the database goes",
            cancellationToken);

        await using var load = new ReadLoad(api, hot, () => throw new InvalidOperationException("Only hot profiles are read."),
            new ReadLoadOptions(Readers: 2, ReadInterval: TimeSpan.FromMilliseconds(50), NewProfileEvery: int.MaxValue, MaxNewProfiles: 0));
        load.Start(cancellationToken);

        var downAt = load.Now;
        await postgres.Server.StopAsync(PostgresShutdownMode.Fast, cancellationToken);
        await Eventually.WaitForAsync(
            async token => await FaultProbes.ReadyStatusAsync(api, token) == HttpStatusCode.ServiceUnavailable,
            _stateLimit,
            "/health/ready to report the database down",
            cancellationToken);
        List<SubmitOutcome> submits = [];
        for (var attempt = 0; attempt < SubmitsDuringOutage; attempt++)
        {
            submits.Add(await FaultProbes.SubmitAsync(api, [Topology.NextProfileId()], cancellationToken));
        }

        // Routes whose grains meet the database with no guard of their own: the one mapping in client-api answers them all.
        var routes = new List<RouteOutcome>
        {
            await FaultProbes.RequestAsync(api, HttpMethod.Get, $"api/v1/profiles/{Topology.NextProfileId()}", null, cancellationToken),
            await FaultProbes.RequestAsync(api, HttpMethod.Post, "api/v1/search", new { query = "title:engineer", limit = 5 }, cancellationToken),
            await FaultProbes.RequestAsync(operatorApi, HttpMethod.Get, "api/v1/operator/enrichment/dead-letters", null, cancellationToken),
            await FaultProbes.RequestAsync(operatorApi, HttpMethod.Get, "api/v1/operator/audit", null, cancellationToken),
            await FaultProbes.RequestAsync(api, HttpMethod.Get, $"api/v1/enrichments/{job.JobId}/results", null, cancellationToken),
        };

        await Eventually.WaitForAsync(
            token => Task.FromResult(load.Completed > 20 && load.Now - downAt > TimeSpan.FromSeconds(3)),
            _stateLimit,
            "the read load to run through at least 3 s of the outage",
            cancellationToken);
        var upAt = load.Now;
        await postgres.Server.StartAgainAsync(cancellationToken);

        await Eventually.WaitForAsync(
            async token => await FaultProbes.ReadyStatusAsync(api, token) == HttpStatusCode.OK,
            _stateLimit,
            "/health/ready to report the database back",
            cancellationToken);
        var final = await FaultProbes.WaitUntilFinishedAsync(api, job, _finishLimit, cancellationToken);
        var reads = await load.StopAsync();
        await Topology.Upstream.ClearFaultsAsync(cancellationToken);
        var deadLetters = await operatorApi.TryGetEnrichmentDeadLettersAsync(cancellationToken);
        var members = await Topology.ReadMembershipAsync(cancellationToken);

        var duringOutage = reads.Where(read => read.StartedAt >= downAt && read.EndedAt <= upAt).ToList();
        var failedReads = reads.Where(read => !read.Response.IsOk).ToList();
        Report(string.Create(CultureInfo.InvariantCulture,
            $"Database down {(upAt - downAt).TotalSeconds:0.0} s; {reads.Count} hot reads ({duringOutage.Count} during the outage), {failedReads.Count} failed; "
            + $"submits during the outage: {string.Join("; ", submits)}; other routes: {string.Join("; ", routes)}; "
            + $"job: {final}; dead letters: {deadLetters?.Items.Count.ToString(CultureInfo.InvariantCulture) ?? "no answer"}; "
            + $"membership: {string.Join(", ", members.Select(member => $"{member.Port}:{member.Status}"))}"));
        if (submits.Any(submit => submit.Status != HttpStatusCode.ServiceUnavailable) || routes.Any(route => !route.IsRetryLater))
        {
            // What the hosts made of the requests they did not refuse as they should.
            Report(string.Join(Environment.NewLine, Topology.AllHosts.SelectMany(host => host.Process.RecentOutput.Split(Environment.NewLine)
                .Where(line => line.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(15).Select(line => $"{host.Name}: {line}"))));
        }


        Assert.True(duringOutage.Count > 0, "No hot read ran while the database was down, so the outage tested no read.");
        Assert.True(failedReads.Count == 0, $"Hot reads failed: {string.Join("; ", failedReads.Take(5).Select(read => read.Response))}");
        Assert.All(submits, submit => Assert.True(
            submit.Status == HttpStatusCode.ServiceUnavailable && submit.HasRetryAfter,
            $"A submit while the database was down answered {submit}, not 503 with Retry-After."));
        Assert.All(routes, route => Assert.True(route.IsRetryLater, $"While the database was down, {route}, not a 503 problem with Retry-After."));
        Assert.Equal(JobProfiles, final.Total);
        Assert.True(final.Done == JobProfiles && final.Failed == 0, $"Every profile of the job should be done: {final}");
        Assert.NotNull(deadLetters);
        Assert.Empty(deadLetters.Items);
        Assert.All(Topology.AllHosts, host => Assert.True(host.IsRunning, $"{host} exited."));
        Assert.DoesNotContain(members, member => member.IsDead);
        Assert.Equal(Topology.Silos.Count, members.Count(member => member.IsActive));
    }

    private static void Report(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }
}

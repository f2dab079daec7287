using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>
/// client-api in Embedded mode (its own silo in the process) stopped with SIGTERM in the middle of an
/// enrichment job that a client follows as server-sent events: the stream ends with a <c>reconnect</c>
/// event carrying the job's progress and a <c>retry:</c> of 1,000 ms, and the process exits by itself
/// with code 0 (a complete stop, not the deadline's).
/// </summary>
public sealed class EmbeddedStopTests
{
    private const int Profiles = 300;
    private const int ReconnectAfterMilliseconds = 1_000;

    // Slow upstream calls keep the job running while the stream is followed.
    private static readonly SandboxFaultOptions _upstreamPace = new() { LatencyMs = 3_000, JitterMs = 500 };
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan _streamLimit = TimeSpan.FromSeconds(60);

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Sigterm_EndsAFollowedJobsEventStreamWithReconnect_AndExitsWithZero()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await EmbeddedApiProcess.StartAsync(profiles: 2_000, requestsPerMinute: 60_000, cancellationToken);
        using var upstream = new SandboxControl(host.Sandbox.RootAddress);
        using var api = host.CreateClient();
        await upstream.SetFaultsAsync(_upstreamPace, cancellationToken);

        var job = await api.SubmitEnrichmentJobAsync(host.NextProfileIds(Profiles), cancellationToken);
        await using var events = await JobEventStream.OpenAsync(api, job.StatusUrl, _streamLimit, cancellationToken);
        var stopping = StoppedHost.StopAsync(host.Process, _shutdownTimeout * 2);
        var streamed = await events.WaitForEndAsync(_streamLimit, cancellationToken);
        var stopped = await stopping;

        var last = streamed[^1];
        Assert.Equal<(string, int?, Guid?)>(("reconnect", ReconnectAfterMilliseconds, job.JobId), (last.Name, last.RetryMilliseconds, last.JobId()));
        Assert.All(streamed.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.True(!stopped.Killed && stopped.ExitCode == 0, $"{stopped} should have stopped completely by itself.\n{host.Process.RecentOutput}");
    }
}

using System.Globalization;
using Juicebox.Sandbox.Faults;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>
/// SIGTERM to a silo and a client-api after their PostgreSQL went away (the test's own server,
/// stopped) while the silo's enrichment worker waits on an upstream call that never answers: Orleans
/// would retry the silo's membership update for minutes; each host exits by itself within
/// <c>Hosting:ShutdownTimeout</c>, and a stop cut short says in one line what it left undone.
/// The server is the assembly's, stopped as a crash would stop it and started again afterwards.
/// </summary>
public sealed class ShutdownWithPostgresDownTests(PostgresFixture fixture)
{
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(10);

    // The exit itself (runtime teardown) and the test's observation of it, on a busy machine.
    private static readonly TimeSpan _exitSlack = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _callInFlightLimit = TimeSpan.FromSeconds(60);
    private const int Profiles = 20;

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Sigterm_WithPostgresDown_EachHostExitsWithinTheShutdownTimeout_AndNamesWhatItCouldNotDo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var postgres = fixture.Server;
        ClusterTopology? topology = null;
        try
        {
            var options = new ClusterTopologyOptions
            {
                HostSettings = new Dictionary<string, string?>
                {
                    ["Hosting__ShutdownTimeout"] = _shutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
                },
            };
            topology = await ClusterTopology.StartAsync(postgres, silos: 1, clientApis: 1, options, cancellationToken);
            var silo = topology.Silos.Single();
            var api = topology.ClientApis.Single();

            // Every upstream call hangs: the worker's batch is in its upstream call at the signal.
            await topology.Upstream.SetFaultsAsync(new SandboxFaultOptions { HangRate = 1.0 }, cancellationToken);
            using (var client = api.CreateApiClient(_requestTimeout))
            {
                var job = await client.SubmitEnrichmentJobAsync([.. Enumerable.Range(0, Profiles).Select(_ => topology.NextProfileId())], cancellationToken);
                await Eventually.WaitForAsync(
                    async token => (await client.TryGetEnrichmentJobAsync(job.StatusUrl, token))?.Running > 0,
                    _callInFlightLimit,
                    $"a batch of job {job.JobId} to be in its upstream call",
                    cancellationToken);
            }

            await postgres.StopAsync(PostgresShutdownMode.Immediate, cancellationToken);
            var stopped = await Task.WhenAll(
                StoppedHost.StopAsync(silo, _shutdownTimeout * 3),
                StoppedHost.StopAsync(api, _shutdownTimeout * 3));

            var report = $"Shutdown with PostgreSQL down (Hosting__ShutdownTimeout {_shutdownTimeout.TotalSeconds:0} s):{Environment.NewLine}  "
                + string.Join($"{Environment.NewLine}  ", stopped.Select(host => host.ToString()))
                + $"{Environment.NewLine}  {silo.Name} said: {DeadlineLine(silo) ?? "(no deadline line)"}"
                + $"{Environment.NewLine}  {api.Name} said: {DeadlineLine(api) ?? "(no deadline line)"}";
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            TestContext.Current.SendDiagnosticMessage(report);

            Assert.All(stopped, host =>
            {
                Assert.False(host.Killed, $"{host}");
                Assert.True(host.Took <= _shutdownTimeout + _exitSlack, $"{host}: not within Hosting:ShutdownTimeout {_shutdownTimeout.TotalSeconds:0} s.");
                Assert.True(host.ExitCode is 0 or StoppedHost.DeadlineExitCode, $"{host}");
            });
            var siloStop = stopped[0];
            if (siloStop.ExitCode == StoppedHost.DeadlineExitCode)
            {
                Assert.True(
                    DeadlineLine(silo)?.Contains("membership table not updated", StringComparison.Ordinal) == true,
                    $"{silo.Name} was cut short without naming the membership update; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, silo.Process.RecentOutput.Split(Environment.NewLine).TakeLast(30))}");
            }
        }
        finally
        {
            // Whatever happened, the assembly's server must be up for the tests after this one.
            await postgres.RecoverAsync(CancellationToken.None);
            if (topology is not null)
            {
                await topology.DisposeAsync();
            }
        }
    }

    private static string? DeadlineLine(JuiceboxHost host)
    {
        var lines = host.Process.RecentOutput.Split(Environment.NewLine);
        var index = Array.FindIndex(lines, line => line.Contains("Shutdown did not finish within", StringComparison.Ordinal));
        // The simple console formatter prints the level and category on one line and the message on the next.
        return index < 0 ? null : string.Join(' ', lines.Skip(index).Take(2).Select(line => line.Trim()));
    }
}

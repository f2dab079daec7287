namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>The whole cluster stops and new processes start on the same database: nothing read before is paid for twice.</summary>
public sealed class ClusterRestartTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 2, clientApis: 1)
{
    private const int Profiles = 8;
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task WholeClusterRestarted_ProfilesReadBefore_ComeFromStorageWithoutUpstreamCalls()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ids = Enumerable.Range(0, Profiles).Select(_ => Topology.NextProfileId()).ToList();
        List<ProfileResponse> before = [];
        using (var api = Topology.ClientApis.Single().CreateApiClient(_requestTimeout))
        {
            foreach (var id in ids)
            {
                before.Add(await api.GetProfileAsync(id, cancellationToken));
            }
        }

        Assert.All(before, read => Assert.True(read.IsOk && read.Cache == "miss", read.ToString()));
        var upstreamBefore = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken);
        var firstGeneration = Topology.AllHosts;

        await Topology.StopHostsAsync();
        await Topology.StartHostsAsync(silos: 2, clientApis: 1, cancellationToken);

        List<ProfileResponse> after = [];
        List<ProfileResponse> again = [];
        using (var api = Topology.ClientApis.Single().CreateApiClient(_requestTimeout))
        {
            foreach (var id in ids)
            {
                after.Add(await api.GetProfileAsync(id, cancellationToken));
                again.Add(await api.GetProfileAsync(id, cancellationToken));
            }
        }

        var upstreamAfter = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken);

        Assert.All(firstGeneration, host => Assert.True(host.Process.ExitCode == 0, $"{host} exited with {host.Process.ExitCode} on SIGTERM, not 0."));
        Assert.Equal(3, Topology.AllHosts.Count(host => host.IsRunning));
        Assert.All(after, read =>
        {
            Assert.True(read.IsOk, read.ToString());
            Assert.Equal(("hit", "storage"), (read.Cache, read.Source));
        });
        Assert.All(again, read => Assert.Equal(("hit", "memory"), (read.Cache, read.Source)));
        Assert.Equal(upstreamBefore, upstreamAfter);
    }
}

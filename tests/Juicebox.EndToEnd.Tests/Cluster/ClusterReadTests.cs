namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>Two silos and a client-api, as processes on PostgreSQL: profile reads work end to end.</summary>
public sealed class ClusterReadTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 2, clientApis: 1)
{
    private const int Profiles = 6;
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task ProfileRead_ThroughClientApi_IsAMissFromUpstream_ThenAHitFromMemory()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var api = Topology.ClientApis.Single().CreateApiClient(_requestTimeout);
        var ids = Enumerable.Range(0, Profiles).Select(_ => Topology.NextProfileId()).ToList();
        var upstreamBefore = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken);

        List<(ProfileResponse First, ProfileResponse Second)> reads = [];
        foreach (var id in ids)
        {
            var first = await api.GetProfileAsync(id, cancellationToken);
            var second = await api.GetProfileAsync(id, cancellationToken);
            reads.Add((first, second));
        }

        var upstreamCalls = await Topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken) - upstreamBefore;
        var members = await Topology.ReadMembershipAsync(cancellationToken);
        var apiOutput = Topology.ClientApis.Single().Process.RecentOutput;

        Assert.Equal(2, members.Count(member => member.IsActive));
        Assert.All(reads, read =>
        {
            Assert.True(read.First.IsOk, read.First.ToString());
            Assert.True(read.Second.IsOk, read.Second.ToString());
            Assert.Equal(("miss", "upstream"), (read.First.Cache, read.First.Source));
            Assert.Equal(("hit", "memory"), (read.Second.Cache, read.Second.Source));
        });
        Assert.Equal(Profiles, upstreamCalls);
        Assert.All(reads, read => Assert.False(
            read.First.ProfileName is { } name && apiOutput.Contains(name, StringComparison.Ordinal),
            $"client-api logged the profile of {read.First.ProfileName}: profiles are personal data."));
    }
}

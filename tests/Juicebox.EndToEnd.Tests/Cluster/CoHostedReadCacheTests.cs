namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// client-api's read cache in Co-hosted mode, as a process on PostgreSQL: the silo that serves the API keeps its own
/// copies as a separate client-api does (<see cref="ReadCacheTests"/>), and an erasure ends them before it returns.
/// </summary>
public sealed class CoHostedReadCacheTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 0, clientApis: 0)
{
    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task AHotProfile_IsServedFromTheCoHostedSilosReadCache_AndAnErasureEndsThatBeforeItReturns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await Topology.StartCoHostedAsync(hosts: 1, cancellationToken);

        await ReadCacheTests.AssertServedFromReadCacheUntilErasedAsync(Topology, Topology.CoHosted.Single(), cancellationToken);
    }
}

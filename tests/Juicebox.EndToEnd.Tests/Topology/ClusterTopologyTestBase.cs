namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>
/// A test class whose tests each get a fresh <see cref="ClusterTopology"/> of <paramref name="silos"/> silos and
/// <paramref name="clientApis"/> client-apis on the shared PostgreSQL server, started before and stopped after each test.
/// </summary>
public abstract class ClusterTopologyTestBase(PostgresFixture postgres, int silos, int clientApis) : IAsyncLifetime
{
    private ClusterTopology? _topology;

    protected ClusterTopology Topology => _topology ?? throw new InvalidOperationException("The topology did not start.");

    /// <summary>What this class changes about the hosts; the topology's defaults unless overridden.</summary>
    protected virtual ClusterTopologyOptions Options => ClusterTopologyOptions.Default;

    public async ValueTask InitializeAsync() =>
        _topology = await ClusterTopology.StartAsync(postgres.Server, silos, clientApis, Options, TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Reads <paramref name="count"/> new profiles through <paramref name="api"/> so that they are hot, and returns their ids.</summary>
    protected async Task<List<string>> WarmUpAsync(HttpClient api, int count, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Topology.NextProfileId()).ToList();
        foreach (var id in ids)
        {
            var read = await api.GetProfileAsync(id, cancellationToken);
            Assert.True(read.IsOk, $"Warm-up read failed: {read}");
        }

        return ids;
    }
}

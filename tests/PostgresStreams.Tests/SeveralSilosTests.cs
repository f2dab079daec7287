using Orleans.Runtime;

namespace PostgresStreams.Tests;

/// <summary>Several silos pull one provider's queues: each queue has one reader at a time, and nothing is lost or reordered.</summary>
[Collection(SeveralSiloClusters.Name)]
public sealed class SeveralSilosTests(TwoSiloStreamClusterFixture fixture) : IClassFixture<TwoSiloStreamClusterFixture>
{
    [Fact]
    public async Task TwoSilosShareTheQueues_AndEveryStreamArrivesWholeAndInOrder()
    {
        const int Queues = TwoSiloStreamClusterFixture.QueueCount;
        var agents = await fixture.WaitForAgentsAsync(
            a => a.Length == 2 && a.All(count => count > 0) && a.Sum() == Queues, $"both silos to pull some of the {Queues} queues, each queue once");
        const int Streams = 16;
        var items = Enumerable.Range(0, 10).Select(i => $"item-{i}").ToList();
        var keys = Enumerable.Range(0, Streams).Select(_ => Guid.NewGuid()).ToList();
        var provider = fixture.Cluster.Client.GetStreamProvider(PostgresStreamClusterFixture.ProviderName);

        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = provider.GetStream<string>(StreamId.Create(PostgresStreamClusterFixture.Namespace, key));
            foreach (var item in items)
            {
                await stream.OnNextAsync(item);
            }
        }));

        Assert.Equal(Queues, agents.Sum());
        foreach (var key in keys)
        {
            var received = await StreamDeliveries.WaitForAsync(key, r => r.Count >= items.Count, $"{items.Count} items of stream {key}");
            Assert.Equal(items, received.Select(r => r.Item));
            Assert.All(received, r => Assert.Equal(1, r.Attempt));
            await StreamDeliveries.WaitForNoRowsAsync(fixture.ConnectionString, key, $"stream {key}'s messages to be acknowledged");
        }
    }
}

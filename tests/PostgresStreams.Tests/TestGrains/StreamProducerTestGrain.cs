using Orleans.Runtime;

namespace PostgresStreams.Tests.TestGrains;

public sealed class StreamProducerTestGrain : Grain, IStreamProducerTestGrain
{
    public async Task SendAsync(string streamNamespace, Guid streamKey, IReadOnlyList<string> items)
    {
        var stream = this.GetStreamProvider(PostgresStreamClusterFixture.ProviderName)
            .GetStream<string>(StreamId.Create(streamNamespace, streamKey));
        foreach (var item in items)
        {
            await stream.OnNextAsync(item);
        }
    }
}

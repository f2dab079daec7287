using Juicebox.Grains.Streaming;
using Orleans.Runtime;
using Orleans.Streams;

namespace Juicebox.Cluster.Tests.Streaming.TestGrains;

[ImplicitStreamSubscription(PostgresStreamClusterFixture.Namespace)]
public sealed class StreamConsumerTestGrain : Grain, IStreamConsumerTestGrain
{
    private readonly List<ReceivedStreamItem> _received = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(PostgresStreamClusterFixture.ProviderName)
            .GetStream<string>(StreamId.Create(PostgresStreamClusterFixture.Namespace, this.GetPrimaryKey()));
        await stream.SubscribeAsync(OnNextAsync);
    }

    public Task<IReadOnlyList<ReceivedStreamItem>> GetReceivedAsync() => Task.FromResult<IReadOnlyList<ReceivedStreamItem>>([.. _received]);

    private Task OnNextAsync(string item, StreamSequenceToken? token)
    {
        var receipt = (token as PostgresQueueSequenceToken)?.Receipt;
        _received.Add(new ReceivedStreamItem(item, token?.GetType().Name ?? "none", receipt?.MessageId ?? -1, receipt?.Attempt ?? -1));
        if (item == IStreamConsumerTestGrain.Poison)
        {
            throw new InvalidOperationException("The test consumer refuses the poison item.");
        }

        return Task.CompletedTask;
    }
}

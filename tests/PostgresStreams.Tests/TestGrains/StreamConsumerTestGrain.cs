using PostgresStreams;
using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace PostgresStreams.Tests.TestGrains;

[ImplicitStreamSubscription(PostgresStreamClusterFixture.Namespace)]
public sealed class StreamConsumerTestGrain : Grain, IStreamConsumerTestGrain
{
    private static readonly TaskCompletionSource _releaseHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<ReceivedStreamItem> _received = [];

    /// <summary>Every delivery to any activation, in every silo of the process, by stream key: what survives a killed silo.</summary>
    public static ConcurrentQueue<(Guid StreamKey, ReceivedStreamItem Item)> Deliveries { get; } = new();

    /// <summary>Lets every held delivery finish.</summary>
    public static void ReleaseHeld() => _releaseHeld.TrySetResult();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(PostgresStreamClusterFixture.ProviderName)
            .GetStream<string>(StreamId.Create(PostgresStreamClusterFixture.Namespace, this.GetPrimaryKey()));
        await stream.SubscribeAsync(OnNextAsync);
    }

    public Task<IReadOnlyList<ReceivedStreamItem>> GetReceivedAsync() => Task.FromResult<IReadOnlyList<ReceivedStreamItem>>([.. _received]);

    private async Task OnNextAsync(string item, StreamSequenceToken? token)
    {
        var receipt = (token as PostgresQueueSequenceToken)?.Receipt;
        var received = new ReceivedStreamItem(item, token?.GetType().Name ?? "none", receipt?.MessageId ?? -1, receipt?.Attempt ?? -1);
        _received.Add(received);
        Deliveries.Enqueue((this.GetPrimaryKey(), received));
        if (item == IStreamConsumerTestGrain.Poison)
        {
            throw new InvalidOperationException("The test consumer refuses the poison item.");
        }

        if (item == IStreamConsumerTestGrain.Hold && received.Attempt == 1)
        {
            await _releaseHeld.Task;
        }
    }
}

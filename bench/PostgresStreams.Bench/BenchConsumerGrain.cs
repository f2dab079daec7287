using System.Diagnostics;
using Orleans.Streams;

namespace PostgresStreams.Bench;

/// <summary>Counts every event of the benchmark's namespace, in every activation of the process.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class BenchConsumerGrain : Grain, IGrainWithStringKey
{
    public const string Namespace = "bench";

    private static int _delivered;
    private static long _firstTimestamp;
    private static long _lastTimestamp;

    public static int Delivered => Volatile.Read(ref _delivered);

    /// <summary>From the first delivery to the latest one.</summary>
    public static TimeSpan DeliverySpan => Stopwatch.GetElapsedTime(Interlocked.Read(ref _firstTimestamp), Interlocked.Read(ref _lastTimestamp));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Program.ProviderName).GetStream<int>(StreamId.Create(Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((_, _) =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _firstTimestamp, now, 0);
            Interlocked.Exchange(ref _lastTimestamp, now);
            Interlocked.Increment(ref _delivered);
            return Task.CompletedTask;
        });
    }
}

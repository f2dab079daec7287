using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;

namespace PostgresStreams.Bench;

/// <summary>Producers write through the provider's queue adapter (what a grain's <c>OnNextAsync</c> ends in), with no silo reading.</summary>
internal static class EnqueueBench
{
    public static async Task<double> RunAsync(string connectionString, string provider, BenchOptions options, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        PostgresStreamServices.Add(services, provider).Configure(o =>
        {
            o.ConnectionString = connectionString;
            o.QueueCount = options.Queues;
        });
        await using var container = services.BuildServiceProvider();
        var adapter = await PostgresQueueAdapterFactory.Create(container, provider).CreateAdapter(cancellationToken);
        var streams = Enumerable.Range(0, options.Streams).Select(i => StreamId.Create(BenchConsumerGrain.Namespace, $"stream-{i}")).ToArray();

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Producers).Select(_ => Task.Run(
            async () =>
            {
                int message;
                while ((message = Interlocked.Increment(ref next)) < options.Messages)
                {
                    await adapter.QueueMessageBatchAsync(streams[message % streams.Length], new object[] { message }, null, null);
                }
            },
            cancellationToken)));
        return options.Messages / clock.Elapsed.TotalSeconds;
    }
}

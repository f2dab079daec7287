using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PostgresStreams.Bench;

/// <summary>One silo drains the queues the enqueue phase filled: dequeue, deliver to a subscriber, acknowledge.</summary>
internal static class DeliveryBench
{
    public static async Task<double> RunAsync(string connectionString, string provider, BenchOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddMemoryGrainStorage("PubSubStore")
            .AddPostgresStreams(provider, o =>
            {
                o.ConnectionString = connectionString;
                o.QueueCount = options.Queues;
                o.PollingPeriod = TimeSpan.FromMilliseconds(50);
            }));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (BenchConsumerGrain.Delivered < options.Messages)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {BenchConsumerGrain.Delivered} of {options.Messages} messages were delivered within 5 minutes.");
            }

            await Task.Delay(20, cancellationToken);
        }

        var rate = options.Messages / BenchConsumerGrain.DeliverySpan.TotalSeconds;
        await host.StopAsync(cancellationToken);
        return rate;
    }
}

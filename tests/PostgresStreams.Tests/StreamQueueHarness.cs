using PostgresStreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace PostgresStreams.Tests;

/// <summary>
/// One stream provider's factory, adapter, leases and admin, built from the same services the silo
/// registration uses, on a test database that has the tables; no silo, so tests drive receivers directly.
/// </summary>
internal sealed class StreamQueueHarness : IAsyncDisposable
{
    private static int _nextProvider;

    private readonly ServiceProvider _services;

    private StreamQueueHarness(ServiceProvider services, string name, IQueueAdapterFactory factory, IQueueAdapter adapter)
    {
        _services = services;
        Name = name;
        Factory = factory;
        Adapter = adapter;
    }

    public string Name { get; }

    public IQueueAdapterFactory Factory { get; }

    public IQueueAdapter Adapter { get; }

    public PostgresStreamOptions Options => _services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(Name);

    public IStreamMessageLeases Leases => _services.GetRequiredKeyedService<IStreamMessageLeases>(Name);

    public PostgresStreamQueueAdmin Admin => _services.GetRequiredKeyedService<PostgresStreamQueueAdmin>(Name);

    public static async Task<StreamQueueHarness> CreateAsync(string connectionString, Action<PostgresStreamOptions>? configure = null)
    {
        // Providers share the class's database; a fresh name keeps each test's rows apart.
        var name = $"queue-tests-{Interlocked.Increment(ref _nextProvider)}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        var options = PostgresStreamServices.Add(services, name);
        options.Configure(o =>
        {
            o.ConnectionString = connectionString;
            o.QueueCount = 1;
            o.VisibilityTimeout = TimeSpan.FromMinutes(5);
            o.MaxDeliveryTime = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name);

        var factory = PostgresQueueAdapterFactory.Create(provider, name);
        var adapter = await factory.CreateAdapter(TestContext.Current.CancellationToken);
        return new StreamQueueHarness(provider, name, factory, adapter);
    }

    public static StreamId NewStream(string streamNamespace = "queue-tests") => StreamId.Create(streamNamespace, Guid.NewGuid());

    public QueueId QueueOf(StreamId streamId) => Factory.GetStreamQueueMapper().GetQueueForStream(streamId);

    public IQueueAdapterReceiver CreateReceiver(StreamId streamId) => Adapter.CreateReceiver(QueueOf(streamId));

    public Task SendAsync(StreamId streamId, params object[] events) =>
        Adapter.QueueMessageBatchAsync(streamId, events, null, null);

    public async Task<IList<IBatchContainer>> DequeueAsync(IQueueAdapterReceiver receiver, int maxCount = 100) =>
        await receiver.GetQueueMessagesAsync(maxCount, TestContext.Current.CancellationToken);

    /// <summary>Dequeues until a batch comes back; fails with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public async Task<IList<IBatchContainer>> DequeueUntilAnyAsync(IQueueAdapterReceiver receiver, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var batch = await DequeueAsync(receiver);
            if (batch.Count > 0)
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {limit} waiting for {what}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static PostgresQueueReceipt ReceiptOf(IBatchContainer container) =>
        Assert.IsType<PostgresQueueSequenceToken>(container.SequenceToken).Receipt;

    public static PostgresQueueReceipt[] ReceiptsOf(IEnumerable<IBatchContainer> containers) => [.. containers.Select(ReceiptOf)];

    public static IReadOnlyList<object> EventsOf(IEnumerable<IBatchContainer> containers) =>
        [.. containers.SelectMany(container => container.GetEvents<object>().Select(item => item.Item1))];

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

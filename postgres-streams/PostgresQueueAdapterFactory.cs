using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace PostgresStreams;

/// <summary>
/// What Orleans' persistent stream provider asks for: the adapter (writes and receivers), the
/// queue mapper, the cache and the delivery-failure handler of one PostgreSQL stream provider.
/// </summary>
internal sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly PostgresStreamOptions _options;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly PostgresQueueWriter _writer;
    private readonly PostgresQueueReader _reader;
    private readonly PostgresStreamMessageLeases _leases;
    private readonly PostgresStreamPayloadCodec _codec;
    private readonly PostgresStreamQueueAdmin _admin;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;

    public PostgresQueueAdapterFactory(
        string name,
        PostgresStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        NpgsqlDataSource dataSource,
        PostgresStreamMessageLeases leases,
        PostgresStreamPayloadCodec codec,
        PostgresStreamQueueAdmin admin,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _name = name;
        _options = options;
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        var tables = new PostgresStreamTables(options.TablePrefix);
        _writer = new PostgresQueueWriter(dataSource, tables);
        _reader = new PostgresQueueReader(dataSource, tables);
        _leases = leases;
        _codec = codec;
        _admin = admin;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The factory delegate <c>AddPersistentStreams</c> takes.</summary>
    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new(
            name,
            services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
            services.GetOptionsByName<SimpleQueueCacheOptions>(name),
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredKeyedService<PostgresStreamMessageLeases>(name),
            services.GetRequiredService<PostgresStreamPayloadCodec>(),
            services.GetRequiredKeyedService<PostgresStreamQueueAdmin>(name),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>());

    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new PostgresQueueAdapter(_name, _mapper, _writer, _codec, CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new PostgresStreamDeliveryFailureHandler(
            _leases, _options.AcknowledgeOnDelivery, _loggerFactory.CreateLogger<PostgresStreamDeliveryFailureHandler>()));

    private PostgresQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new(
            _name,
            queueId,
            _reader,
            _leases,
            _codec,
            _admin,
            _options,
            _timeProvider,
            _loggerFactory.CreateLogger<PostgresQueueAdapterReceiver>());
}

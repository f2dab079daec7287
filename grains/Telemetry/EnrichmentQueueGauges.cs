using Juicebox.Grains.Enrichment;
using PostgresStreams;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// The enrichment queue's depth for the queue gauges, read from PostgreSQL at most once every
/// <see cref="RefreshInterval"/> and never on the scrape itself: a scrape gets the last reading and,
/// when it is older than that, starts the next one in the background. The counts are the cluster's,
/// so only one silo reports them: the oldest active member, which every silo works out alike from
/// the membership; when it leaves, the next oldest takes over. Embedded mode's in-memory queue has
/// no counts, and nothing is reported.
/// </summary>
public sealed partial class EnrichmentQueueGauges
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly PostgresStreamQueueAdmin? _queue;
    private readonly IClusterMembershipService? _membership;
    private readonly ILocalSiloDetails? _localSilo;
    private readonly TimeProvider _clock;
    private readonly ILogger<EnrichmentQueueGauges> _logger;
    private volatile PostgresStreamQueueStatistics? _statistics;
    private long _readAt;
    private int _refreshing;

    public EnrichmentQueueGauges(IServiceProvider services, TimeProvider clock, ILogger<EnrichmentQueueGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _queue = services.GetKeyedService<PostgresStreamQueueAdmin>(EnrichmentStream.ProviderName);
        _membership = services.GetService<IClusterMembershipService>();
        _localSilo = services.GetService<ILocalSiloDetails>();
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The latest counts when this silo is the one that reports them; null otherwise or before the first reading.</summary>
    internal PostgresStreamQueueStatistics? Read()
    {
        if (_queue is null || !IsReportingSilo())
        {
            return null;
        }

        if (_statistics is null || _clock.GetElapsedTime(Interlocked.Read(ref _readAt)) >= RefreshInterval)
        {
            StartRefresh(_queue);
        }

        return _statistics;
    }

    private bool IsReportingSilo()
    {
        if (_membership is null || _localSilo is null)
        {
            return false;
        }

        var oldest = _membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => member.SiloAddress)
            .OrderBy(address => address.Generation)
            .ThenBy(address => address.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return _localSilo.SiloAddress.Equals(oldest);
    }

    private void StartRefresh(PostgresStreamQueueAdmin queue)
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = RefreshAsync(queue);
    }

    private async Task RefreshAsync(PostgresStreamQueueAdmin queue)
    {
        try
        {
            _statistics = await queue.GetStatisticsAsync();
        }
        catch (Exception exception)
        {
            // The gauges keep the last counts; the next scrape after the interval tries again.
            LogReadFailed(exception);
        }
        finally
        {
            Interlocked.Exchange(ref _readAt, _clock.GetTimestamp());
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the enrichment queue's counts for the metrics; the gauges keep the last ones")]
    private partial void LogReadFailed(Exception exception);
}

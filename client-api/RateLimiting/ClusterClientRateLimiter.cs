using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Juicebox.ClientApi.Auth;
using Juicebox.GrainInterfaces.Clients;

namespace Juicebox.ClientApi.RateLimiting;

/// <summary>
/// Each client's <c>RequestsPerMinute</c> over every client-api replica, partitioned by the client's
/// name. The count lives in one grain per client (<see cref="IClientRateGrain"/>); this replica leases
/// permits from it in batches of <see cref="BatchSize"/> and admits locally while its batch lasts, so a
/// request calls the grain once per batch. Replicas never admit more than the limit together; a batch a
/// replica leased but did not use before the minute ends is lost, so with N replicas as few as
/// limit - (N - 1) x batch may be admitted in a minute.
/// </summary>
internal sealed partial class ClusterClientRateLimiter(ApiClientRegistry clients, IGrainFactory grains, ILogger<ClusterClientRateLimiter> logger)
    : PartitionedRateLimiter<HttpContext>
{
    private static readonly RateLimitLease Admitted = new Lease(true, null);
    private readonly ConcurrentDictionary<string, Batch> _batches = new(StringComparer.Ordinal);

    /// <summary>Permits one lease asks for: a fiftieth of the limit, at least one.</summary>
    public static int BatchSize(int limitPerMinute) => Math.Max(1, limitPerMinute / 50);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (Limited(resource) is not var (client, _))
        {
            return Admitted;
        }

        // Only what this replica holds already; the middleware calls AcquireAsync when this fails.
        return _batches.TryGetValue(client.Name, out var batch) && batch.TryTake(TimeProvider.System.GetUtcNow())
            ? Admitted
            : new Lease(false, null);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (Limited(resource) is not var (client, limit))
        {
            return Admitted;
        }

        var batch = _batches.GetOrAdd(client.Name, static _ => new Batch());
        var now = TimeProvider.System.GetUtcNow();
        if (batch.TryTake(now))
        {
            return Admitted;
        }

        ClientRateLease lease;
        try
        {
            lease = await grains.GetGrain<IClientRateGrain>(client.Name).LeaseAsync(BatchSize(limit), limit).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The limit protects the upstream quota, which the cluster guards too; an outage of the
            // cluster must not turn every request into an error here, so the request goes on.
            LogLeaseFailed(client.Name, exception.GetType().Name);
            return Admitted;
        }

        if (lease.Granted == 0)
        {
            return new Lease(false, lease.WindowEnd - now);
        }

        batch.Add(lease.Granted - 1, lease.WindowEnd);
        return Admitted;
    }

    private (ApiClient Client, int Limit)? Limited(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
        && clients.Get(name) is { RequestsPerMinute: { } limit } client
            ? (client, limit)
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not lease request permits for client {Client} ({Error}); the request is admitted")]
    private partial void LogLeaseFailed(string client, string error);

    /// <summary>The permits this replica holds for one client, valid until the end of their minute.</summary>
    private sealed class Batch
    {
        private readonly Lock _lock = new();
        private int _left;
        private DateTimeOffset _validUntil;

        public bool TryTake(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_left <= 0 || now >= _validUntil)
                {
                    return false;
                }

                _left--;
                return true;
            }
        }

        public void Add(int permits, DateTimeOffset validUntil)
        {
            lock (_lock)
            {
                if (validUntil != _validUntil)
                {
                    _left = 0;
                    _validUntil = validUntil;
                }

                _left += permits;
            }
        }
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

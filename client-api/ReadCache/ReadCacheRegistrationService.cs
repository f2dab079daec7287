using System.Diagnostics;
using Juicebox.GrainInterfaces.ReadCache;

namespace Juicebox.ClientApi.ReadCache;

/// <summary>
/// Registers client-api's read cache with the cluster (<see cref="IReadCacheRegistryGrain"/>) and renews the
/// registration every <see cref="ReadCacheRegistration.RenewalInterval"/>; until the first succeeds, and after
/// renewals fail for twice as long, the cache serves nothing.
/// </summary>
internal sealed partial class ReadCacheRegistrationService(
    IGrainFactory grains,
    ProfileReadCache cache,
    IOptions<ReadCacheOptions> options,
    TimeProvider clock,
    ILogger<ReadCacheRegistrationService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(1);

    // Orleans holds a client's observers weakly: this field keeps it alive.
    private readonly ProfileChangeObserver _observer = new(cache);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IProfileChangeObserver>(_observer);
        var subscription = new ReadCacheSubscription { FrontEndId = Guid.NewGuid(), Observer = reference, Lease = options.Value.Lease };
        var registry = grains.GetGrain<IReadCacheRegistryGrain>(IReadCacheRegistryGrain.Key);
        var failing = false;
        Guid? token = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = clock.GetTimestamp();
            TimeSpan wait;
            try
            {
                var registration = await registry.RegisterAsync(subscription).WaitAsync(ReadCacheRegistration.RenewalInterval, stoppingToken);
                cache.Registered(registration.Token, startedAt);
                token = registration.Token;
                if (failing)
                {
                    LogRenewed();
                    failing = false;
                }

                wait = ReadCacheRegistration.RenewalInterval - clock.GetElapsedTime(startedAt);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                if (!failing)
                {
                    LogRenewalFailed(exception);
                    failing = true;
                }

                wait = RetryDelay;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Leaving gracefully: the silos stop sending changes at once instead of timing out on them.
        cache.StopServing();
        if (token is { } registered)
        {
            try
            {
                await registry.DropAsync(subscription.FrontEndId, registered).WaitAsync(LeaveTimeout, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogLeaveFailed(exception);
            }
        }

        grains.DeleteObjectReference<IProfileChangeObserver>(reference);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "client-api's read cache could not register with the cluster; it stops serving its copies once its last registration lapses")]
    private partial void LogRenewalFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "client-api's read cache could not leave the cluster's registry; the silos drop it at their next change")]
    private partial void LogLeaveFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "client-api's read cache is registered with the cluster again")]
    private partial void LogRenewed();
}

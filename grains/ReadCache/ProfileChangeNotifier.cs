using System.Diagnostics;
using Juicebox.GrainInterfaces.ReadCache;

namespace Juicebox.Grains.ReadCache;

/// <summary>
/// Tells the front ends with a read cache (<see cref="IReadCacheRegistryGrain"/>) that a profile changed, and
/// returns once each took it: a caller who wrote a profile then reads the new copy through any of them. A front
/// end that does not answer is dropped from the registry, so its next renewal empties its cache; when personal
/// data went (<see cref="RemovedAsync"/>), the call also waits until such a front end has stopped serving.
/// Without front ends (Embedded and Co-hosted hosts alone) a change costs a look at a list read once a second.
/// </summary>
public sealed partial class ProfileChangeNotifier(IGrainFactory grains, ILogger<ProfileChangeNotifier> logger)
{
    // A front end or the registry that has not answered by then is taken as away.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _reading = new();
    private Task<Subscribers>? _subscribers;
    private long _readStartedAt;
    private Subscribers? _lastKnown;
    private int _registryFailing;

    /// <summary>A change that reads can see: delivered to every front end (or the front end dropped) before this returns.</summary>
    public Task ChangedAsync(string profileId) => NotifyAsync(profileId, removed: false);

    /// <summary>
    /// Personal data went (erasure, expiry, a contact block stripped): as <see cref="ChangedAsync"/>, and no front end
    /// serves the old copy once this returns. Throws when the registry cannot be asked, so the caller repeats it.
    /// </summary>
    public Task RemovedAsync(string profileId) => NotifyAsync(profileId, removed: true);

    private async Task NotifyAsync(string profileId, bool removed)
    {
        Subscribers? subscribers;
        try
        {
            subscribers = await ReadSubscribersAsync(fresh: removed);
            if (Interlocked.Exchange(ref _registryFailing, 0) == 1)
            {
                LogRegistryBack();
            }
        }
        catch (Exception exception) when (!removed)
        {
            // The registry is away (its silo just left): the last list read still names the front ends to tell.
            if (Interlocked.Exchange(ref _registryFailing, 1) == 0)
            {
                LogRegistryUnavailable(exception, profileId);
            }

            subscribers = Volatile.Read(ref _lastKnown);
        }

        if (subscribers is null || subscribers.List.Subscribers.Length == 0)
        {
            return;
        }

        string[] profileIds = [profileId];
        var deliveries = new Task<TimeSpan>[subscribers.List.Subscribers.Length];
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = DeliverAsync(subscribers.List.Subscribers[i], profileIds, subscribers.ReadAt);
        }

        var servingAtMost = await Task.WhenAll(deliveries);
        if (removed && servingAtMost.Max() is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Delivers the change; on failure, drops the front end and answers how long it may still serve.</summary>
    private async Task<TimeSpan> DeliverAsync(ReadCacheSubscriber subscriber, string[] profileIds, long listReadAt)
    {
        try
        {
            await subscriber.Observer.ProfilesChangedAsync(profileIds).WaitAsync(CallTimeout);
            return TimeSpan.Zero;
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(exception, subscriber.FrontEndId);
            ForgetSubscribers();
            try
            {
                await grains.GetGrain<IReadCacheRegistryGrain>(IReadCacheRegistryGrain.Key).DropAsync(subscriber.FrontEndId, subscriber.Token).WaitAsync(CallTimeout);
            }
            catch (Exception dropFailed)
            {
                LogDeliveryFailed(dropFailed, subscriber.FrontEndId);
            }

            // It serves until twice the renewal interval after its last renewal, and no copy beyond its lease.
            var untilLapsed = ReadCacheRegistration.RenewalInterval * 2 - subscriber.SinceRenewal - Stopwatch.GetElapsedTime(listReadAt);
            return untilLapsed < subscriber.Lease ? untilLapsed : subscriber.Lease;
        }
    }

    private Task<Subscribers> ReadSubscribersAsync(bool fresh)
    {
        lock (_reading)
        {
            // A read that failed is answered for as long as a list is used, so that an absent registry costs each change no wait.
            if (fresh || _subscribers is not { } current
                || (current.IsCompleted && Stopwatch.GetElapsedTime(_readStartedAt) > ReadCacheRegistration.SubscribersMaxAge))
            {
                _readStartedAt = Stopwatch.GetTimestamp();
                current = ReadFromRegistryAsync(_readStartedAt);
                _subscribers = current;
            }

            return current;
        }
    }

    private void ForgetSubscribers()
    {
        lock (_reading)
        {
            _subscribers = null;
        }
    }

    private async Task<Subscribers> ReadFromRegistryAsync(long readAt)
    {
        var list = await grains.GetGrain<IReadCacheRegistryGrain>(IReadCacheRegistryGrain.Key).GetSubscribersAsync().WaitAsync(CallTimeout);
        var subscribers = new Subscribers(list, readAt);
        Volatile.Write(ref _lastKnown, subscribers);
        return subscribers;
    }

    private sealed record Subscribers(ReadCacheSubscribers List, long ReadAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read-cache registry could not be asked about a change of profile {ProfileId}; until it answers, changes go to the front ends it named last")]
    private partial void LogRegistryUnavailable(Exception exception, string profileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The read-cache registry answers again")]
    private partial void LogRegistryBack();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Front end {FrontEndId} did not take a profile change; it is dropped from the read-cache registry")]
    private partial void LogDeliveryFailed(Exception exception, Guid frontEndId);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Juicebox.GrainInterfaces.ReadCache;
using Orleans.Core.Internal;

namespace Juicebox.Cluster.Tests.Profiles;

/// <summary>
/// The silos' side of client-api's read cache: a change of a profile reaches every registered front end before the
/// change returns, and a front end that does not take it is dropped, an erasure waiting until it can no longer serve.
/// </summary>
[Collection(ProfileClusterCollection.Name)]
public sealed class ReadCacheNotificationTests(ProfileClusterFixture fixture)
{
    private IReadCacheRegistryGrain Registry => fixture.Grains.GetGrain<IReadCacheRegistryGrain>(IReadCacheRegistryGrain.Key);

    [Fact]
    public async Task EveryChangeOfAProfile_ReachesARegisteredFrontEnd_BeforeItReturns()
    {
        var observer = new RecordingObserver();
        var (frontEndId, token) = await RegisterAsync(observer, TimeSpan.FromSeconds(30));
        try
        {
            var id = fixture.NextProfileId();
            var grain = fixture.Grains.GetProfileGrain(id);
            var held = (await grain.GetAsync()).Profile!;
            var afterFetch = observer.CountOf(id);

            await grain.ApplyEnrichmentAsync(held with { Contact = new ContactData { Email = "changed@example.test" } });
            var afterEnrichment = observer.CountOf(id);
            await grain.MarkForRefreshAsync();
            var afterMark = observer.CountOf(id);
            await grain.StripContactAsync(DateTimeOffset.MaxValue);
            var afterStrip = observer.CountOf(id);

            Assert.Equal([1, 2, 3, 4], [afterFetch, afterEnrichment, afterMark, afterStrip]);
        }
        finally
        {
            await Registry.DropAsync(frontEndId, token);
        }
    }

    [Fact]
    public async Task AFrontEndThatDoesNotTakeAnErasure_IsDropped_AndTheErasureWaitsOutItsLease()
    {
        var lease = TimeSpan.FromSeconds(1);
        var observer = new UnansweringObserver();
        var grain = fixture.Grains.GetProfileGrain(fixture.NextProfileId());
        Assert.Equal(ProfileReadOutcome.Found, (await grain.GetJsonAsync()).Outcome);
        var (frontEndId, token) = await RegisterAsync(observer, lease);
        try
        {
            var subscribersBefore = await Registry.GetSubscribersAsync();

            var erasing = Stopwatch.StartNew();
            await grain.EraseAsync();
            var erasedAfter = erasing.Elapsed;
            var subscribersAfter = await Registry.GetSubscribersAsync();

            Assert.Contains(subscribersBefore.Subscribers, subscriber => subscriber.FrontEndId == frontEndId);
            Assert.DoesNotContain(subscribersAfter.Subscribers, subscriber => subscriber.FrontEndId == frontEndId);
            Assert.True(erasedAfter >= lease, $"The erasure returned after {erasedAfter}, before the unanswering front end's lease of {lease} could end.");
        }
        finally
        {
            observer.Release();
            await Registry.DropAsync(frontEndId, token);
        }
    }

    [Fact]
    public async Task ARenewal_KeepsItsToken_AndADroppedFrontEndGetsANewOne()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<IProfileChangeObserver>(observer);
        var subscription = new ReadCacheSubscription { FrontEndId = Guid.NewGuid(), Observer = reference, Lease = TimeSpan.FromSeconds(30) };

        var first = await Registry.RegisterAsync(subscription);
        var renewed = await Registry.RegisterAsync(subscription);
        await Registry.DropAsync(subscription.FrontEndId, first.Token);
        var afterDrop = await Registry.RegisterAsync(subscription);
        await Registry.DropAsync(subscription.FrontEndId, afterDrop.Token);

        Assert.Equal(first.Token, renewed.Token);
        Assert.NotEqual(first.Token, afterDrop.Token);
        Assert.DoesNotContain((await Registry.GetSubscribersAsync()).Subscribers, subscriber => subscriber.FrontEndId == subscription.FrontEndId);
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task ARegistryActivatedAgain_KnowsTheFrontEndsRegisteredBefore_UnderTheirTokens()
    {
        var observer = new RecordingObserver();
        var (frontEndId, token) = await RegisterAsync(observer, TimeSpan.FromSeconds(30));
        try
        {
            await Registry.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
            var restored = await Registry.GetSubscribersAsync();
            var id = fixture.NextProfileId();
            await fixture.Grains.GetProfileGrain(id).EraseAsync();

            var subscriber = Assert.Single(restored.Subscribers, subscriber => subscriber.FrontEndId == frontEndId);
            Assert.Equal(token, subscriber.Token);
            Assert.Equal(1, observer.CountOf(id));
        }
        finally
        {
            await Registry.DropAsync(frontEndId, token);
        }
    }

    /// <summary>
    /// Registers <paramref name="observer"/>, then erases a profile nobody reads: an erasure reads the registry afresh,
    /// so the silo's list of front ends holds this one from then on (a list may otherwise be a second old).
    /// </summary>
    private async Task<(Guid FrontEndId, Guid Token)> RegisterAsync(IProfileChangeObserver observer, TimeSpan lease)
    {
        var subscription = new ReadCacheSubscription
        {
            FrontEndId = Guid.NewGuid(),
            Observer = fixture.Grains.CreateObjectReference<IProfileChangeObserver>(observer),
            Lease = lease,
        };
        var registration = await Registry.RegisterAsync(subscription);
        if (observer is RecordingObserver)
        {
            await fixture.Grains.GetProfileGrain(fixture.NextProfileId()).EraseAsync();
        }

        return (subscription.FrontEndId, registration.Token);
    }

    private sealed class RecordingObserver : IProfileChangeObserver
    {
        public ConcurrentQueue<string> Received { get; } = new();

        public int CountOf(string id) => Received.Count(received => received == id);

        public Task ProfilesChangedAsync(string[] profileIds)
        {
            foreach (var id in profileIds)
            {
                Received.Enqueue(id);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class UnansweringObserver : IProfileChangeObserver
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ProfilesChangedAsync(string[] profileIds) => _released.Task;

        public void Release() => _released.TrySetResult();
    }
}

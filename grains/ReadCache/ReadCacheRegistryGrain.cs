using System.Diagnostics;
using Juicebox.GrainInterfaces.ReadCache;

namespace Juicebox.Grains.ReadCache;

/// <summary>
/// The front ends with a read cache. Who is registered is stored (<see cref="StorageNames.ReadCache"/>), written
/// when a front end comes or goes, not on renewals: an activation after its silo left knows every front end at
/// once and counts each as renewed at activation. A front end missing for three renewals is forgotten; one that
/// comes back gets a new token and so empties its cache (it cannot know which changes it missed meanwhile).
/// </summary>
[KeepAlive]
public sealed partial class ReadCacheRegistryGrain(
    [PersistentState(ReadCacheRegistryGrain.StateName, StorageNames.ReadCache)] IPersistentState<ReadCacheRegistryState> stored,
    ILogger<ReadCacheRegistryGrain> logger) : Grain, IReadCacheRegistryGrain
{
    /// <summary>The name its state is stored under (the <c>graintypestring</c> of its row).</summary>
    public const string StateName = "read-cache-registry";

    private static readonly TimeSpan ForgottenAfter = ReadCacheRegistration.RenewalInterval * 3;

    private readonly Dictionary<Guid, long> _renewedAt = [];

    // A write that failed is tried again at the next registration or renewal.
    private bool _unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var frontEnd in stored.State.FrontEnds)
        {
            _renewedAt[frontEnd.Subscription.FrontEndId] = now;
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ReadCacheRegistration> RegisterAsync(ReadCacheSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var changed = ForgetSilentFrontEnds();
        var known = stored.State.FrontEnds.Find(frontEnd => frontEnd.Subscription.FrontEndId == subscription.FrontEndId);
        if (known is null || known.Subscription != subscription)
        {
            if (known is not null)
            {
                stored.State.FrontEnds.Remove(known);
            }

            known = new RegisteredFrontEnd { Subscription = subscription, Token = known?.Token ?? Guid.NewGuid() };
            stored.State.FrontEnds.Add(known);
            changed = true;
        }

        _renewedAt[subscription.FrontEndId] = Stopwatch.GetTimestamp();

        // Stored before the answer: a front end caches only once its registration outlives this activation.
        if (changed || _unsaved)
        {
            _unsaved = true;
            await stored.WriteStateAsync();
            _unsaved = false;
        }

        return new ReadCacheRegistration { Token = known.Token };
    }

    public async Task<ReadCacheSubscribers> GetSubscribersAsync()
    {
        if (ForgetSilentFrontEnds())
        {
            await WriteStateBestEffortAsync();
        }

        var subscribers = stored.State.FrontEnds
            .Select(frontEnd => new ReadCacheSubscriber
            {
                FrontEndId = frontEnd.Subscription.FrontEndId,
                Token = frontEnd.Token,
                Observer = frontEnd.Subscription.Observer,
                Lease = frontEnd.Subscription.Lease,
                SinceRenewal = Stopwatch.GetElapsedTime(_renewedAt[frontEnd.Subscription.FrontEndId]),
            })
            .ToArray();
        return new ReadCacheSubscribers { Subscribers = subscribers };
    }

    public async Task DropAsync(Guid frontEndId, Guid token)
    {
        if (stored.State.FrontEnds.RemoveAll(frontEnd => frontEnd.Subscription.FrontEndId == frontEndId && frontEnd.Token == token) > 0)
        {
            _renewedAt.Remove(frontEndId);
            await WriteStateBestEffortAsync();
        }
    }

    private bool ForgetSilentFrontEnds() =>
        stored.State.FrontEnds.RemoveAll(frontEnd =>
        {
            var silent = Stopwatch.GetElapsedTime(_renewedAt[frontEnd.Subscription.FrontEndId]) > ForgottenAfter;
            if (silent)
            {
                _renewedAt.Remove(frontEnd.Subscription.FrontEndId);
            }

            return silent;
        }) > 0;

    // Forgetting may be written later: a forgotten front end that is restored only costs a failed delivery.
    private async Task WriteStateBestEffortAsync()
    {
        try
        {
            _unsaved = true;
            await stored.WriteStateAsync();
            _unsaved = false;
        }
        catch (Exception exception)
        {
            LogWriteFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read-cache registry could not store that a front end left; it is written with the next registration or renewal")]
    private partial void LogWriteFailed(Exception exception);
}

/// <summary>The registry's stored state: the front ends registered, without their renewal times.</summary>
[GenerateSerializer, Alias("Juicebox.ReadCacheRegistryState")]
public sealed class ReadCacheRegistryState
{
    [Id(0)] public List<RegisteredFrontEnd> FrontEnds { get; set; } = [];
}

[GenerateSerializer, Alias("Juicebox.RegisteredFrontEnd")]
public sealed class RegisteredFrontEnd
{
    [Id(0)] public required ReadCacheSubscription Subscription { get; init; }

    [Id(1)] public required Guid Token { get; init; }
}

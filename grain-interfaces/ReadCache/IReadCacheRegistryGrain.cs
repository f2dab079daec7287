namespace Juicebox.GrainInterfaces.ReadCache;

/// <summary>
/// Which front ends keep a read cache of profiles, so that the silos can tell them of changes. One per cluster
/// (key <see cref="Key"/>); it stores who is registered, so an activation after its silo left knows them all.
/// </summary>
[Alias("Juicebox.IReadCacheRegistryGrain")]
public interface IReadCacheRegistryGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>
    /// Registers or renews a front end. The answer's <see cref="ReadCacheRegistration.Token"/> stays the same for as
    /// long as the registry has known the front end without a gap; a new token means changes may have been missed.
    /// </summary>
    [Alias("RegisterAsync")]
    Task<ReadCacheRegistration> RegisterAsync(ReadCacheSubscription subscription);

    /// <summary>The front ends registered now.</summary>
    [Alias("GetSubscribersAsync")]
    Task<ReadCacheSubscribers> GetSubscribersAsync();

    /// <summary>
    /// Forgets a front end that did not take a change (its next renewal gets a new token, so it empties its cache),
    /// or one that leaves.
    /// A no-op when <paramref name="token"/> is no longer the front end's registration.
    /// </summary>
    [Alias("DropAsync")]
    Task DropAsync(Guid frontEndId, Guid token);
}

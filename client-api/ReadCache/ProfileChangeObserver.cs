using Juicebox.GrainInterfaces.ReadCache;

namespace Juicebox.ClientApi.ReadCache;

/// <summary>What the silos call when profiles change: the read cache drops them.</summary>
internal sealed class ProfileChangeObserver(ProfileReadCache cache) : IProfileChangeObserver
{
    public Task ProfilesChangedAsync(string[] profileIds)
    {
        cache.Invalidate(profileIds);
        return Task.CompletedTask;
    }
}

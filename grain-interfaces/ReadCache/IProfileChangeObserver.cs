namespace Juicebox.GrainInterfaces.ReadCache;

/// <summary>
/// A front end's read cache (client-api, in every hosting mode), told by the silos which profiles changed so that it
/// drops its copies of them. The silo that changed a profile waits for this call's answer before the change's
/// own call returns, so a caller who wrote a profile reads the new copy through any front end.
/// </summary>
[Alias("Juicebox.IProfileChangeObserver")]
public interface IProfileChangeObserver : IGrainObserver
{
    /// <summary>Drops the copies of <paramref name="profileIds"/>, and keeps reads in flight for them from storing theirs.</summary>
    [Alias("ProfilesChangedAsync")]
    Task ProfilesChangedAsync(string[] profileIds);
}

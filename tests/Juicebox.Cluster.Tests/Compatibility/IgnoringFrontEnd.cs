using Juicebox.GrainInterfaces.ReadCache;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>A front end's observer that takes every change and does nothing: what the registry's sample holds a reference to.</summary>
internal sealed class IgnoringFrontEnd : IProfileChangeObserver
{
    public Task ProfilesChangedAsync(string[] profileIds) => Task.CompletedTask;
}

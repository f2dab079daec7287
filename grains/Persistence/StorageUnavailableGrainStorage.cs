using Juicebox.GrainInterfaces.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// A grain storage provider whose failures for an absent database are <see cref="StorageUnavailableException"/>s.
/// A grain whose state cannot be read fails to activate, before any call filter runs, and Orleans sends
/// the cause back to the caller in its rejection: a driver's exception there is one Orleans cannot
/// serialize (the caller then sees a codec error, and client-api answered 500), ours crosses the wire.
/// </summary>
internal sealed class StorageUnavailableGrainStorage(IGrainStorage inner, string name) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Wraps each of the named grain storage providers registered so far (Orleans registers them keyed by name).</summary>
    public static void Decorate(IServiceCollection services, IEnumerable<string> storageNames)
    {
        foreach (var storageName in storageNames)
        {
            var registered = services.LastOrDefault(descriptor =>
                descriptor.ServiceType == typeof(IGrainStorage) && descriptor.IsKeyedService && Equals(descriptor.ServiceKey, storageName))
                ?? throw new InvalidOperationException($"No grain storage named '{storageName}' is registered to wrap.");
            var create = registered.KeyedImplementationFactory
                ?? throw new InvalidOperationException($"Grain storage '{storageName}' is not registered by a factory, so it cannot be wrapped.");
            services.Remove(registered);
            services.AddKeyedSingleton<IGrainStorage>(storageName, (provider, key) => new StorageUnavailableGrainStorage((IGrainStorage)create(provider, key), storageName));
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.ReadStateAsync(stateName, grainId, grainState), stateName, "read");

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.WriteStateAsync(stateName, grainId, grainState), stateName, "written");

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.ClearStateAsync(stateName, grainId, grainState), stateName, "cleared");

    // Orleans starts a provider that takes part in the silo's lifecycle through its keyed registration: pass it on.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task GuardAsync(Func<Task> call, string stateName, string done)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && StorageFailures.IsDatabaseAway(exception))
        {
            throw StorageFailures.Unavailable($"grain state '{stateName}' could not be {done} ({name})", exception);
        }
    }
}

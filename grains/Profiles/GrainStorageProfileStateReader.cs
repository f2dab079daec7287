using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>The state through the profiles' grain storage alone (Embedded mode's memory storage): the row stays unknown.</summary>
internal sealed class GrainStorageProfileStateReader([FromKeyedServices(StorageNames.Profiles)] IGrainStorage storage) : IProfileStateReader
{
    public async Task<ProfileRowAtRead> ReadAsync(GrainId grainId, IGrainState<ProfileState> state)
    {
        await storage.ReadStateAsync(ProfileGrain.StateName, grainId, state);
        return ProfileRowAtRead.Unknown;
    }
}

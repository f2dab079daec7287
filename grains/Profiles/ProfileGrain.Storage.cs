using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// The profile grain reads and writes its stored state through the profiles' grain storage itself
/// instead of Orleans' <c>[PersistentState]</c> facet. The facet costs every activation a grain
/// lifecycle, a migration participant list and a bridge object (about 300 B of every hot profile,
/// next to its 1 KB of JSON); the rows are the same: the same storage, state name
/// (<see cref="StateName"/>), serializer and <see cref="ProfileState"/>. The grain hands its state over
/// when it migrates, as the facet did.
/// </summary>
public sealed partial class ProfileGrain : IGrainMigrationParticipant
{
    /// <summary>The name the state is stored under (the <c>graintypestring</c> of its row).</summary>
    public const string StateName = "profile";

    private const string MigratedStateKey = "state." + StateName;

    private readonly StoredProfileState _stored = new();
    private bool _rehydrated;

    /// <summary>
    /// Reads the stored state (unless a migration handed it over) and, where the storage can tell in the same
    /// statement, the version of the profile's <c>profiles</c> row (<see cref="IProfileStateReader"/>).
    /// </summary>
    private async Task<ProfileRowAtRead> ReadStoredStateAsync()
    {
        if (_rehydrated)
        {
            return ProfileRowAtRead.Unknown;
        }

        var read = services.StateReader.ReadAsync(this.GetGrainId(), _stored);
        await RunStorageAsync(nameof(IGrainStorage.ReadStateAsync), read);
        return await read;
    }

    private Task WriteStoredStateAsync() =>
        RunStorageAsync(nameof(IGrainStorage.WriteStateAsync), services.Storage.WriteStateAsync(StateName, this.GetGrainId(), _stored));

    private async Task ClearStoredStateAsync()
    {
        await RunStorageAsync(nameof(IGrainStorage.ClearStateAsync), services.Storage.ClearStateAsync(StateName, this.GetGrainId(), _stored));
        _stored.State = new ProfileState();
    }

    /// <summary>Storage failures reach the caller as Orleans' facet passed them on: wrapped once, the cause inside.</summary>
    private async Task RunStorageAsync(string operation, Task call)
    {
        try
        {
            await call;
        }
        catch (Exception exception) when (exception is not OrleansException)
        {
            throw new OrleansException($"Error from the profile storage during {operation} for grain {this.GetGrainId()}.", exception);
        }
    }

    // Handed over as Orleans' own GrainState, the type the facet handed over.
    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext) =>
        dehydrationContext.TryAddValue(MigratedStateKey, new GrainState<ProfileState>(_stored.State, _stored.ETag) { RecordExists = _stored.RecordExists });

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<GrainState<ProfileState>>(MigratedStateKey, out var migrated) && migrated is not null)
        {
            _stored.State = migrated.State;
            _stored.ETag = migrated.ETag;
            _stored.RecordExists = migrated.RecordExists;
            _rehydrated = true;
        }
    }

    /// <summary>The state, its storage version and whether its row exists: what the storage reads and writes.</summary>
    private sealed class StoredProfileState : IParkableProfileState
    {
        private ProfileState _state = new();
        private ParkedProfile? _parked;

        [AllowNull]
        public ProfileState State
        {
            get => _state;

            // Storage hands over nothing for a missing row; the grain always has a state to fill.
            set => _state = value ?? new ProfileState();
        }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public void Park(ParkedProfile profile) => _parked = profile;

        /// <summary>The profile the storage read handed over parked (then <see cref="State"/> holds none), once.</summary>
        public ParkedProfile? TakeParked()
        {
            var parked = _parked;
            _parked = null;
            return parked;
        }
    }
}

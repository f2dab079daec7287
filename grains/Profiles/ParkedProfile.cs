using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// A stored profile handed to its grain as its packed rendered JSON (<see cref="PackedProfileJson"/>) instead of
/// objects, with the two facts the activation's index check needs of it.
/// </summary>
public sealed record ParkedProfile(byte[] PackedJson, DateTimeOffset? EnrichedAt)
{
    /// <summary>Whether the profile has a contact block: the packed JSON says where it starts.</summary>
    public bool HasContact => PackedProfileJson.ContactOffset(PackedJson) is not null;
}

/// <summary>
/// A stored state that can take its profile parked (the profile grain's): a reader may then skip building the
/// profile's objects and rendering them again, as the grain's first read over HTTP would.
/// </summary>
public interface IParkableProfileState : IGrainState<ProfileState>
{
    void Park(ParkedProfile profile);
}

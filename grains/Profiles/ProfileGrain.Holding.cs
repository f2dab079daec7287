using System.Text.Json;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// How a grain holds its profile in memory. Once served over HTTP, the held copy is parked: only its
/// rendered JSON (<see cref="_renderedJson"/>, packed: <see cref="PackedProfileJson"/>) is kept, not the
/// object graph as well; the JSON is expanded only as it is written to a response or leaves the silo. The graph is decoded from that JSON (which renders every member)
/// only when something needs it: <see cref="GetAsync"/>, a refresh keeping the contact block, a write.
/// Code reads the held copy through <see cref="Held"/> and <see cref="Holds"/> and replaces it through
/// <see cref="Hold"/>, never through <c>_stored.State.Profile</c> directly.
/// </summary>
public sealed partial class ProfileGrain
{
    private bool _parked;

    // The copy an activation read, its strings not shared yet (ProfileGrain.OnActivateAsync).
    private bool _heldUnshared;

    /// <summary>Whether a copy (full or summary) is held, parked or not.</summary>
    private bool Holds => _parked || _stored.State.Profile is not null;

    /// <summary>The held copy as objects, decoded when it was parked (and then unparked until the next HTTP read).</summary>
    private ProfileData? Held()
    {
        if (_parked)
        {
            var decoded = Decode(_renderedJson!);
            _stored.State.Profile = decoded;
            _renderedProfile = decoded;
            _parked = false;
        }
        else if (_heldUnshared && _stored.State.Profile is { } unshared)
        {
            var shared = SharedProfileStrings.Share(unshared);
            _stored.State.Profile = shared;
            if (ReferenceEquals(_renderedProfile, unshared))
            {
                _renderedProfile = shared;
            }
        }

        _heldUnshared = false;
        return _stored.State.Profile;
    }

    /// <summary>Replaces the held copy (the caller persists it).</summary>
    private void Hold(ProfileData? profile)
    {
        if (_indexBehind is { IsHeldCopy: true } pending)
        {
            pending.Keep(Held());
        }

        _parked = false;
        _heldUnshared = false;
        _stored.State.Profile = profile;
    }

    /// <summary>After the state was cleared or replaced as a whole: nothing rendered or parked remains.</summary>
    private void ForgetHeld()
    {
        _parked = false;
        _renderedProfile = null;
        services.Metrics.ProfileHeldJsonChanged(-(_renderedJson?.Length ?? 0));
        _renderedJson = null;
    }

    /// <summary>A read's parked JSON as objects: the held copy's, unparked, when it is still the one held.</summary>
    private ProfileData Unparked(byte[] json) =>
        _parked && ReferenceEquals(json, _renderedJson) ? Held()! : Decode(json);

    private static ProfileData Decode(byte[] packedJson) =>
        SharedProfileStrings.Share(JsonSerializer.Deserialize<ProfileData>(PackedProfileJson.ToArray(packedJson), ProfileJson.Options)!);

    /// <summary>The packed JSON of <paramref name="profile"/>, rendered if needed; if it is the held copy, afterwards only its JSON is kept.</summary>
    private byte[] RenderAndPark(ProfileData profile)
    {
        var json = Render(profile);

        // A pending table write keeps its own reference to the objects until it is done, then they go.
        if (ReferenceEquals(_stored.State.Profile, profile) && !_stored.State.SummaryOnly)
        {
            _stored.State.Profile = null;
            _renderedProfile = null;
            _parked = true;
            _heldUnshared = false;
        }

        return json;
    }
}

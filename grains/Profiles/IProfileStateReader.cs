using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// Reads a profile grain's stored state when it activates, and, where the same statement can, the version
/// of its row in the <c>profiles</c> table: an activation whose row is known current then checks nothing later.
/// </summary>
public interface IProfileStateReader
{
    /// <summary>
    /// Fills <paramref name="state"/> as the profiles' grain storage would (state, ETag, whether the row
    /// exists) and says what is known of the profile's <c>profiles</c> row at the same moment.
    /// </summary>
    Task<ProfileRowAtRead> ReadAsync(GrainId grainId, IGrainState<ProfileState> state);
}

using Juicebox.Grains.LocalQueries;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// What an activation's state read learnt of the profile's <c>profiles</c> row: nothing
/// (<see cref="Unknown"/>: the grain checks the row later), or its version, null when it has no row.
/// </summary>
public readonly record struct ProfileRowAtRead(bool Known, ProfileRowVersion? Version)
{
    public static ProfileRowAtRead Unknown => default;
}

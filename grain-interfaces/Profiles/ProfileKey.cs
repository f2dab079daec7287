using System.Diagnostics.CodeAnalysis;

namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// Builds profile grain keys from Juicebox profile ids given by callers.
/// </summary>
/// <remarks>
/// The key is the id behind a fixed prefix because Orleans' ADO.NET storage stores string keys that
/// parse as hexadecimal numbers or GUIDs as numbers: the ids "cafe" and "0cafe" would share a row.
/// </remarks>
public static class ProfileKey
{
    public const int MaxIdLength = 128;

    /// <summary>The profile grain's type (Orleans' default name for <c>ProfileGrain</c>, pinned by its attribute).</summary>
    public const string GrainTypeName = "profile";

    private const string Prefix = "p:";
    private static readonly GrainType _grainType = GrainType.Create(GrainTypeName);
    private static GrainInterfaceType? _interfaceType;

    /// <summary>True when <paramref name="id"/> can be a Juicebox profile id: 1..128 of [A-Za-z0-9_.-].</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The grain key for a valid profile id.</summary>
    public static string ForId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a valid Juicebox profile id.", nameof(id));
        }

        return Prefix + id;
    }

    /// <summary>The profile id of a grain key made by <see cref="ForId"/>.</summary>
    public static string ToId(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? grainKey[Prefix.Length..]
            : throw new ArgumentException($"'{grainKey}' is not a profile grain key.", nameof(grainKey));

    /// <summary>
    /// The profile grain for a valid profile id. Every HTTP read asks for one, so the grain and interface
    /// types are resolved once: Orleans' <c>GetGrain&lt;T&gt;(key)</c> resolves the interface by reflection each time.
    /// </summary>
    public static IProfileGrain GetProfileGrain(this IGrainFactory grains, string id)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var grainId = GrainId.Create(_grainType, ForId(id));
        if (_interfaceType is { } interfaceType)
        {
            return (IProfileGrain)grains.GetGrain(grainId, interfaceType);
        }

        var grain = grains.GetGrain<IProfileGrain>(grainId);
        _interfaceType = ((GrainReference)grain).InterfaceType;
        return grain;
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Juicebox.Grains.Profiles;

/// <summary>A short, stable hash of a profile's content, used as its ETag.</summary>
internal static class ProfileContentHash
{
    public static string Compute(ProfileData profile)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(profile);
        return Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 12));
    }
}

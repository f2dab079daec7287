using System.Security.Cryptography;
using System.Text;

namespace Juicebox.ClientApi.Auditing;

/// <summary>
/// What the audit log keeps of a refused key: the first 8 hex digits of its SHA-256, enough to tell
/// one caller's repeated attempts apart, far too little to recover or test a key with.
/// </summary>
public static class KeyFingerprint
{
    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
    }
}

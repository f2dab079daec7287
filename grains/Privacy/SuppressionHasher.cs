using System.Security.Cryptography;
using System.Text;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// The keyed hash (HMAC-SHA256 with <see cref="PrivacyOptions.SuppressionKey"/>) under which erased ids
/// are kept: without the key, the list cannot be turned back into ids, nor tested against a guessed one.
/// </summary>
public sealed class SuppressionHasher
{
    /// <summary>Hex characters of a pseudonym: enough to tell erasures apart in the audit log and job items.</summary>
    private const int PseudonymLength = 16;

    private readonly byte[] _key;

    public SuppressionHasher(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Encoding.UTF8.GetBytes(options.Value.SuppressionKey is { Length: > 0 } key ? key : PrivacyOptions.EmbeddedDevelopmentKey);
    }

    /// <summary>The 32-byte keyed hash of a profile id.</summary>
    public byte[] Hash(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(profileId));
    }

    /// <summary>What stands for an erased id where a name is needed (audit rows, job items): <c>erased-</c> and a hash prefix.</summary>
    public string Pseudonym(string profileId) =>
        "erased-" + Convert.ToHexStringLower(Hash(profileId))[..PseudonymLength];
}

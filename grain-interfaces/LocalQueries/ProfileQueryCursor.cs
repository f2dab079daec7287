using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Globalization;
using System.Text;
using Juicebox.GrainInterfaces.Profiles;

namespace Juicebox.GrainInterfaces.LocalQueries;

/// <summary>
/// The opaque cursor of a <see cref="ProfileQuery"/>: base64url of a version byte, a fingerprint of
/// the query's filters, the last profile id of the page (the keyset), and a checksum of all three.
/// </summary>
/// <remarks>
/// A cursor that was edited, truncated, or comes from a query with other filters does not decode. The
/// checksum is not a signature: a determined client can forge a cursor, but a forged one only starts
/// the listing after an id of its choosing, which the filters allow it to read anyway.
/// </remarks>
public static class ProfileQueryCursor
{
    /// <summary>Longer input is rejected before decoding (a cursor of a 128-character id is 194 characters).</summary>
    public const int MaxLength = 256;

    private const byte Version = 1;
    private const int FingerprintLength = 8;
    private const int ChecksumLength = 8;
    private const int HeaderLength = 1 + FingerprintLength;

    /// <summary>The cursor of the page that follows <paramref name="lastId"/> in <paramref name="query"/>.</summary>
    public static string Encode(ProfileQuery query, string lastId)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!ProfileKey.IsValidId(lastId))
        {
            throw new ArgumentException($"'{lastId}' is not a profile id.", nameof(lastId));
        }

        var idLength = Encoding.UTF8.GetByteCount(lastId);
        var bytes = new byte[HeaderLength + idLength + ChecksumLength];
        bytes[0] = Version;
        WriteFingerprint(query, bytes.AsSpan(1, FingerprintLength));
        Encoding.UTF8.GetBytes(lastId, bytes.AsSpan(HeaderLength, idLength));
        WriteChecksum(bytes.AsSpan(0, HeaderLength + idLength), bytes.AsSpan(HeaderLength + idLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// The last id of the previous page, when <paramref name="cursor"/> is a cursor that
    /// <see cref="Encode"/> made for a query with the same filters as <paramref name="query"/>.
    /// </summary>
    public static bool TryDecode(ProfileQuery query, string? cursor, [NotNullWhen(true)] out string? lastId)
    {
        ArgumentNullException.ThrowIfNull(query);
        lastId = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || !Base64Url.IsValid(cursor, out var length)
            || length <= HeaderLength + ChecksumLength)
        {
            return false;
        }

        var bytes = new byte[length];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != length || bytes[0] != Version)
        {
            return false;
        }

        var body = bytes.AsSpan(0, length - ChecksumLength);
        Span<byte> expected = stackalloc byte[ChecksumLength];
        WriteChecksum(body, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(length - ChecksumLength)))
        {
            return false;
        }

        Span<byte> fingerprint = stackalloc byte[FingerprintLength];
        WriteFingerprint(query, fingerprint);
        if (!fingerprint.SequenceEqual(body.Slice(1, FingerprintLength)))
        {
            return false;
        }

        string id;
        try
        {
            id = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body[HeaderLength..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (!ProfileKey.IsValidId(id))
        {
            return false;
        }

        lastId = id;
        return true;
    }

    /// <summary>Hashes the filters as they are matched, so that equivalent spellings share cursors; the limit may change between pages.</summary>
    private static void WriteFingerprint(ProfileQuery query, Span<byte> destination)
    {
        var canonical = new StringBuilder();
        Append(canonical, ProfileQueryRules.TextFilter(query.Company));
        Append(canonical, ProfileQueryRules.TextFilter(query.Location));
        Append(canonical, ProfileQueryRules.TextFilter(query.Title));
        var skills = ProfileQueryRules.SkillFilters(query);
        canonical.Append(skills.Count).Append('#');
        foreach (var skill in skills)
        {
            Append(canonical, skill);
        }

        Append(canonical, query.Enriched switch { true => "1", false => "0", null => null });
        Append(canonical, query.UpdatedSince is { } since
            ? ProfileQueryRules.ToStoredPrecision(since).UtcTicks.ToString(CultureInfo.InvariantCulture)
            : null);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()), hash);
        hash[..FingerprintLength].CopyTo(destination);
    }

    private static void Append(StringBuilder canonical, string? value) =>
        canonical.Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');

    private static void WriteChecksum(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        hash[..ChecksumLength].CopyTo(destination);
    }
}

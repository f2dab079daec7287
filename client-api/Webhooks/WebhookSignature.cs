using System.Security.Cryptography;
using System.Text;

namespace Juicebox.ClientApi.Webhooks;

/// <summary><c>X-Juicebox-Signature: sha256=&lt;hex&gt;</c>: HMAC-SHA256 of the raw body with the shared secret.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Juicebox-Signature";
    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the body's signature; the comparison takes the same time whatever differs.</summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}

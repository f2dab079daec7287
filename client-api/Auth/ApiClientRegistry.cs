using System.Security.Cryptography;
using System.Text;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// The configured clients, held as the SHA-256 of their keys (a key given in plain text is hashed at
/// start and not kept). A presented key is hashed and compared with every client's hash in constant
/// time, without stopping at a match: how long a lookup takes says nothing about which bytes matched.
/// </summary>
public sealed class ApiClientRegistry
{
    private readonly (byte[] KeyHash, ApiClient Client)[] _entries;
    private readonly Dictionary<string, ApiClient> _byName;

    public ApiClientRegistry(IOptions<ApiKeyAuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _entries = [.. ApiClientDefinition.From(options.Value)
            .Select(definition => (KeyHash(definition)!, new ApiClient(definition.Name, definition.Scopes, definition.RequestsPerMinute, definition.EnrichmentsPerMonth)))];
        _byName = _entries.ToDictionary(entry => entry.Client.Name, entry => entry.Client, StringComparer.Ordinal);
        Clients = [.. _entries.Select(entry => entry.Client)];
    }

    /// <summary>Every client, shorthand keys first.</summary>
    public IReadOnlyList<ApiClient> Clients { get; }

    /// <summary>The client whose key is <paramref name="presentedKey"/>, or <see langword="null"/>.</summary>
    public ApiClient? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        ApiClient? found = null;
        foreach (var (keyHash, client) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, keyHash))
            {
                found = client;
            }
        }

        return found;
    }

    /// <summary>The client named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public ApiClient? Get(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The SHA-256 of a definition's key, or <see langword="null"/> when it has neither a key nor a well-formed hash.</summary>
    internal static byte[]? KeyHash(ApiClientDefinition definition)
    {
        if (!string.IsNullOrEmpty(definition.Key))
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(definition.Key));
        }

        if (definition.KeySha256 is { Length: SHA256.HashSizeInBytes * 2 } hex)
        {
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}

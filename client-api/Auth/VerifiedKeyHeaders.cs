using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// <c>Authorization</c> header values already matched to a client, recognised by reference. Kestrel hands
/// the requests of one connection the same string for a header whose bytes did not change, so a caller's
/// key is hashed once per connection instead of once per request. A lookup compares no contents (timing
/// says nothing about a key), only accepted values are remembered, and an entry goes with its string.
/// </summary>
public sealed class VerifiedKeyHeaders
{
    private readonly ConditionalWeakTable<string, ApiClient> _clients = new();

    public bool TryGet(string header, [NotNullWhen(true)] out ApiClient? client) => _clients.TryGetValue(header, out client);

    public void Remember(string header, ApiClient client) => _clients.AddOrUpdate(header, client);
}

using System.Security.Cryptography;
using System.Text;
using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests.Clients;

/// <summary>
/// client-api in Embedded mode with named clients beside the shorthand keys: for every scope, one client
/// with only that scope and one with every scope but it, plus clients with limits and one configured by hash.
/// </summary>
public sealed class ClientsApiFactory : EmbeddedApiFactory
{
    public const string RateLimitedKey = "rate-limited-key-0001";
    public const int RateLimit = 5;
    public const string AllowanceKey = "allowance-key-0001";
    public const int Allowance = 4;
    public const string HashedKey = "hashed-client-key-0001";

    public ClientsApiFactory()
    {
        foreach (var scope in ApiScopes.All)
        {
            AddClient(OnlyName(scope), OnlyKey(scope), [scope]);
            AddClient(ExceptName(scope), ExceptKey(scope), [.. ApiScopes.All.Where(other => other != scope)]);
        }

        AddClient("rate-limited", RateLimitedKey, [ApiScopes.ProfilesRead]);
        WithSetting("Api:Clients:rate-limited:RequestsPerMinute", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddClient("allowance", AllowanceKey, [ApiScopes.Enrich, ApiScopes.ProfilesRead]);
        WithSetting("Api:Clients:allowance:EnrichmentsPerMonth", Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("Api:Clients:hashed:KeySha256", Sha256Hex(HashedKey));
        WithSetting("Api:Clients:hashed:Scopes:0", ApiScopes.ProfilesRead);

        // So that the endpoint test sees the diagnostics routes too.
        WithSetting("Diagnostics:Enabled", "true");
    }

    public static string OnlyName(string scope) => "only-" + scope.Replace(':', '-');

    public static string OnlyKey(string scope) => $"only-key-{scope.Replace(':', '-')}-0001";

    public static string ExceptName(string scope) => "except-" + scope.Replace(':', '-');

    public static string ExceptKey(string scope) => $"except-key-{scope.Replace(':', '-')}-0001";

    public static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    private void AddClient(string name, string key, IReadOnlyList<string> scopes)
    {
        WithSetting($"Api:Clients:{name}:Key", key);
        for (var i = 0; i < scopes.Count; i++)
        {
            WithSetting($"Api:Clients:{name}:Scopes:{i}", scopes[i]);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientsApiCollection : ICollectionFixture<ClientsApiFactory>
{
    public const string Name = "Clients API";
}

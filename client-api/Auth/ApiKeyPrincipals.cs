using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Juicebox.ClientApi.Auth;

/// <summary>Who presented a key: an operator, a caller, or nobody; shared by every scheme that accepts the project's keys.</summary>
internal static class ApiKeyPrincipals
{
    /// <summary>The principal for <paramref name="presentedKey"/>, or <see langword="null"/> when it is none of the configured keys.</summary>
    public static ClaimsPrincipal? Find(ApiKeyAuthOptions options, string presentedKey, string scheme)
    {
        var presented = Encoding.UTF8.GetBytes(presentedKey);
        var operatorIndex = IndexOf(options.OperatorKeys, presented);
        var index = operatorIndex < 0 ? IndexOf(options.Keys, presented) : -1;
        if (index < 0 && operatorIndex < 0)
        {
            return null;
        }

        // The key itself never becomes a claim: logs and traces see only which key it was.
        var identity = operatorIndex >= 0
            ? new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, $"operator-key-{operatorIndex}"), new Claim(ClaimTypes.Role, ApiKeyAuthenticationHandler.OperatorRole)],
                scheme)
            : new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{index}")], scheme);
        return new ClaimsPrincipal(identity);
    }

    private static int IndexOf(List<string> candidates, byte[] presented) =>
        candidates.FindIndex(key => CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)));
}

using System.Security.Claims;

namespace Juicebox.ClientApi.Auth;

/// <summary>A client as the API knows it once its key matched: never the key itself.</summary>
/// <param name="RequestsPerMinute">Null: no limit.</param>
/// <param name="EnrichmentsPerMonth">Null: no limit.</param>
public sealed record ApiClient(string Name, IReadOnlyList<string> Scopes, int? RequestsPerMinute, int? EnrichmentsPerMonth)
{
    /// <summary>The principal of a request made with this client's key: its name, and one scope claim per scope.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims = [new(ClaimTypes.Name, Name)];
        claims.AddRange(Scopes.Select(scope => new Claim(ApiScopes.ClaimType, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

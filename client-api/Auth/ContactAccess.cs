using System.Security.Claims;

namespace Juicebox.ClientApi.Auth;

/// <summary>Whether a caller may see contact data (the enrichment's e-mail addresses and phone).</summary>
/// <remarks>
/// Scopes (issue 12) put one <c>scope</c> claim per scope on the principal; <c>contact:read</c> grants
/// contact data. A key without any scope claim is one of the keys from before scopes existed, which
/// saw everything, and still does. When <c>ApiScopes</c> lands this helper should use its constants.
/// </remarks>
public static class ContactAccess
{
    public const string ScopeClaimType = "scope";
    public const string ContactReadScope = "contact:read";

    public static bool MayRead(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.HasClaim(claim => claim.Type == ScopeClaimType) || user.HasClaim(ScopeClaimType, ContactReadScope);
    }
}

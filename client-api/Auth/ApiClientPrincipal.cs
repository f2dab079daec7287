using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// The principal of a request made with a client's key: its name and one scope claim per scope, plus the
/// client itself, so that <see cref="ApiScopes.HasScope"/> answers from the client's scope list instead of
/// enumerating claims. One instance per client and scheme serves every request (<see cref="ApiClientTickets"/>):
/// nothing in client-api adds identities or claims to a request's principal.
/// </summary>
internal sealed class ApiClientPrincipal(ApiClient client, string scheme)
    : ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, client.Name), .. client.Scopes.Select(scope => new Claim(ApiScopes.ClaimType, scope))],
        scheme,
        ClaimTypes.Name,
        ClaimTypes.Role))
{
    public ApiClient Client { get; } = client;

    /// <summary>What a policy without schemes authenticates a request as: this principal (<see cref="ScopePolicyEvaluator"/>).</summary>
    public Task<AuthenticateResult> AuthenticatedAsContextUser => field ??= Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(this, "context.User")));
}

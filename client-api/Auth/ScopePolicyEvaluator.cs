using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// Decides a route's scope policy (<see cref="ScopeEndpointConventionBuilderExtensions.RequireScope"/>) for a
/// client's principal from its scope list. ASP.NET Core's general evaluation builds an authentication result,
/// an authorization context, the handlers' enumeration and a task or two on every request: on a hot profile
/// read that was most of what authorization cost. A refusal, and any other policy or principal, goes to the
/// default <see cref="PolicyEvaluator"/>, so a 403 names its missing scope exactly as before.
/// </summary>
/// <remarks>
/// A scope granted here does not go through <see cref="IAuthorizationService"/>, so it is not counted by
/// ASP.NET Core's <c>aspnetcore.authorization.attempts</c> metric; refusals still are.
/// </remarks>
internal sealed class ScopePolicyEvaluator : IPolicyEvaluator
{
    private static readonly Task<PolicyAuthorizationResult> _granted = Task.FromResult(PolicyAuthorizationResult.Success());

    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context) =>
        policy.AuthenticationSchemes.Count == 0 && context.User is ApiClientPrincipal principal
            ? principal.AuthenticatedAsContextUser
            : Default(context).AuthenticateAsync(policy, context);

    public Task<PolicyAuthorizationResult> AuthorizeAsync(AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource) =>
        authenticationResult.Succeeded && context.User is ApiClientPrincipal principal && GrantsEveryScope(policy, principal)
            ? _granted
            : Default(context).AuthorizeAsync(policy, authenticationResult, context, resource);

    /// <summary>Whether every requirement of <paramref name="policy"/> is a scope the client holds; false for any other requirement.</summary>
    private static bool GrantsEveryScope(AuthorizationPolicy policy, ApiClientPrincipal principal)
    {
        var requirements = policy.Requirements;
        if (requirements.Count == 0)
        {
            return false;
        }

        foreach (var requirement in requirements)
        {
            if (requirement is not ClaimsAuthorizationRequirement { ClaimType: ApiScopes.ClaimType, AllowedValues: { } scopes }
                || !HoldsAny(principal, scopes))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HoldsAny(ApiClientPrincipal principal, IEnumerable<string> scopes)
    {
        if (scopes is string[] array)
        {
            foreach (var scope in array)
            {
                if (principal.HasScope(scope))
                {
                    return true;
                }
            }

            return false;
        }

        return scopes.Any(scope => principal.HasScope(scope));
    }

    private static PolicyEvaluator Default(HttpContext context) => context.RequestServices.GetRequiredService<PolicyEvaluator>();
}

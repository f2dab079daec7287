using Juicebox.ClientApi.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>What an endpoint's authorization metadata asks of a caller, as the document states it.</summary>
internal static class EndpointSecurity
{
    private const string ScopePolicyPrefix = "scope:";

    /// <summary>
    /// Null for an endpoint anyone may call; otherwise the scopes the caller's key must carry (empty:
    /// any valid key). The one place that maps authorization metadata to scope names.
    /// </summary>
    public static IReadOnlyList<string>? RequiredScopes(IEnumerable<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0)
        {
            return null;
        }

        return [.. authorize
            .SelectMany(data => new[] { data.Policy, data.Roles })
            .Where(name => !string.IsNullOrEmpty(name))
            .SelectMany(name => name!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(ScopeOf)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    // A scope's policy is "scope:<scope>" (ApiScopes.PolicyName, which RequireScope uses).
    private static string ScopeOf(string policyOrRole) =>
        policyOrRole.StartsWith(ScopePolicyPrefix, StringComparison.Ordinal) ? policyOrRole[ScopePolicyPrefix.Length..] : policyOrRole;
}

namespace Juicebox.ClientApi.Auth;

/// <summary>Puts a route behind a scope.</summary>
public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a bearer key whose client has <paramref name="scope"/>: no or an unknown key is a 401
    /// problem, a key without the scope a 403 problem naming it (<see cref="ScopeProblemResultHandler"/>),
    /// and a client over its <c>RequestsPerMinute</c> a 429 problem (so every scoped route documents it).
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ApiScopes.IsKnown(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, $"Not a scope; the scopes are {string.Join(", ", ApiScopes.All)}.");
        }

        return builder
            .RequireAuthorization(ApiScopes.PolicyName(scope))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}

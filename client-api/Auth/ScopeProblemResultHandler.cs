using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// Answers a refused request with a problem document: 401 when there is no or an unknown key (after
/// the scheme's challenge has set <c>WWW-Authenticate</c>), 403 naming the scope the key lacks.
/// </summary>
internal sealed class ScopeProblemResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Succeeded ? next(context) : RefuseAsync(next, context, policy, authorizeResult);

    private async Task RefuseAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && MissingScope(authorizeResult.AuthorizationFailure) is { } scope)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Missing scope",
                Detail = $"This route needs the scope '{scope}', which the client '{context.User.Identity?.Name}' does not have.",
                Type = "https://juicebox.local/problems/missing-scope",
                Extensions = { ["scope"] = scope },
            });
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Challenged && context.Response.StatusCode == StatusCodes.Status401Unauthorized && !context.Response.HasStarted)
        {
            await WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "This route needs a client's key: Authorization: Bearer <key> (the dashboard: HTTP Basic, the key as password).",
                Type = "https://juicebox.local/problems/unauthorized",
            });
        }
    }

    private static string? MissingScope(AuthorizationFailure? failure) =>
        failure?.FailedRequirements
            .OfType<ClaimsAuthorizationRequirement>()
            .Where(requirement => requirement.ClaimType == ApiScopes.ClaimType)
            .SelectMany(requirement => requirement.AllowedValues ?? [])
            .FirstOrDefault();

    private ValueTask WriteAsync(HttpContext context, ProblemDetails problem) =>
        problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
}

using Juicebox.ClientApi.Auth;
using Orleans.Dashboard;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>: every silo, the grain types and their call rates, as
/// the silos report them (<c>AddJuiceboxGrains</c> adds the collecting side to every silo). Browsers
/// cannot send a bearer key, so it asks for HTTP Basic with an operator key as the password.
/// </summary>
public static class DashboardApi
{
    public const string RoutePrefix = "/dashboard";

    /// <summary>The authorization policy of every dashboard route: an operator key, presented through HTTP Basic.</summary>
    public const string PolicyName = "dashboard";

    private const string GrainStateRoute = RoutePrefix + "/GrainState";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapOrleansDashboard(RoutePrefix)
            .RequireAuthorization(PolicyName)
            .ExcludeFromDescription()
            .AddEndpointFilter(RefuseGrainState);
        return app;
    }

    /// <summary>
    /// The dashboard's grain-state page activates any grain and returns what its parameterless methods
    /// answer: for a profile that is personal data (the contact block), which only the API hands out.
    /// </summary>
    private static ValueTask<object?> RefuseGrainState(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && route.Equals(GrainStateRoute, StringComparison.OrdinalIgnoreCase)
            ? ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Grain state is not shown",
                detail: "The dashboard does not show grain state: it can hold personal data. Read profiles through the API."))
            : next(context);
}

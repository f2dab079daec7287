using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Api;

/// <summary><c>GET /auth/me</c> and <c>GET /usage</c>.</summary>
internal static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/me", GetAccount).WithName("GetAccount");
        api.MapGet("/usage", GetUsage).WithName("GetUsage");
        return api;
    }

    public static IResult GetAccount(HttpContext context)
    {
        var key = Caller.Get(context);
        var scopes = ApiScopes.All.Where(key.HasScope).ToArray();
        return TypedResults.Ok(new AccountResponse(key.AccountId, key.Plan, scopes, key.Limits));
    }

    public static IResult GetUsage(HttpContext context, UsageTracker usage)
    {
        var key = Caller.Get(context);
        var snapshot = usage.GetUsage(key);
        return TypedResults.Ok(new UsageResponse(
            snapshot.PeriodStart, snapshot.PeriodEnd, snapshot.RequestsToday, snapshot.Searches, snapshot.Enrichments, key.Limits));
    }
}

/// <summary>The answer of <c>GET /auth/me</c>.</summary>
internal sealed record AccountResponse(string AccountId, string Plan, IReadOnlyList<string> Scopes, PlanLimits Limits);

/// <summary>The answer of <c>GET /usage</c>.</summary>
internal sealed record UsageResponse(
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int RequestsToday, int Searches, int Enrichments, PlanLimits Limits);

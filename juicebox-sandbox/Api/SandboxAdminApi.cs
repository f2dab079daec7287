using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Stats;

namespace Juicebox.Sandbox.Api;

/// <summary>The sandbox's own controls under <c>/_sandbox</c>: faults, stats and reset. No auth.</summary>
internal static class SandboxAdminApi
{
    public static RouteGroupBuilder MapSandboxAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/_sandbox");
        admin.MapGet("/faults", GetFaults).WithName("GetSandboxFaults");
        admin.MapPut("/faults", PutFaultsAsync).WithName("PutSandboxFaults");
        admin.MapGet("/stats", GetStats).WithName("GetSandboxStats");
        admin.MapPost("/reset", Reset).WithName("ResetSandbox");
        return admin;
    }

    public static IResult GetFaults(FaultState faults)
    {
        return TypedResults.Ok(faults.Current);
    }

    public static async Task<IResult> PutFaultsAsync(HttpContext context, FaultState faults)
    {
        var (request, bodyError) = await JsonBody.ReadAsync<SandboxFaultOptions>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var errors = request!.Validate("");
        if (errors.Count > 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, string.Join(" ", errors), new { errors });
        }

        faults.Set(request);
        return TypedResults.Ok(faults.Current);
    }

    public static IResult GetStats(SandboxStats stats)
    {
        return TypedResults.Ok(stats.Snapshot());
    }

    public static IResult Reset(SandboxStats stats, UsageTracker usage)
    {
        stats.Reset();
        usage.Reset();
        return TypedResults.NoContent();
    }
}

using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Stats;
using Juicebox.Sandbox.Webhooks;
using Microsoft.Extensions.Options;

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
        admin.MapPost("/webhooks", SendWebhookAsync).WithName("SendSandboxWebhook");
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

    /// <summary>Sends one signed (or deliberately forged, or unsigned) event to <c>Sandbox:Webhooks:Url</c> and reports the answer.</summary>
    public static async Task<IResult> SendWebhookAsync(HttpContext context, WebhookSender sender, IOptions<SandboxOptions> options)
    {
        if (string.IsNullOrEmpty(options.Value.Webhooks.Url))
        {
            return ApiResults.InvalidRequest("No Sandbox:Webhooks:Url is configured.");
        }

        var (request, bodyError) = await JsonBody.ReadAsync<SandboxWebhookRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (string.IsNullOrEmpty(request!.Type) || request.Signature is not (null or "valid" or "forged" or "none"))
        {
            return ApiResults.InvalidRequest("'type' is required; 'signature' is valid, forged or none.");
        }

        try
        {
            return TypedResults.Ok(await sender.SendAsync(request, context.RequestAborted));
        }
        catch (HttpRequestException exception)
        {
            return ApiResults.Error(StatusCodes.Status502BadGateway, ErrorCodes.InternalError, $"The webhook receiver could not be reached: {exception.Message}", null);
        }
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

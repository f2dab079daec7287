namespace Juicebox.Sandbox.Api;

/// <summary><c>GET /health</c>.</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealth).WithName("GetHealth").WithMetadata(AnonymousCallMetadata.Instance);
        return api;
    }

    public static IResult GetHealth()
    {
        return TypedResults.Ok(new HealthResponse("ok"));
    }
}

/// <summary>The answer of <c>GET /health</c>.</summary>
internal sealed record HealthResponse(string Status);

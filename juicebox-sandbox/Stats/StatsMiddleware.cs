using Juicebox.Sandbox.Api;

namespace Juicebox.Sandbox.Stats;

/// <summary>Counts every <c>/v1</c> call by its contract path template, and every status answered.</summary>
internal sealed class StatsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SandboxStats _stats;

    public StatsMiddleware(RequestDelegate next, SandboxStats stats)
    {
        _next = next;
        _stats = stats;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint
            && endpoint.Metadata.GetMetadata<ContractCallMetadata>() is not null
            && endpoint.RoutePattern.RawText is { } template)
        {
            var path = template.StartsWith(ApiPaths.Prefix, StringComparison.Ordinal) ? template[ApiPaths.Prefix.Length..] : template;
            _stats.RecordCall($"{context.Request.Method} {path}");
        }

        try
        {
            await _next(context);
        }
        finally
        {
            // A hung call that the client abandoned never got an answer, so it has no status.
            if (!context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
            {
                _stats.RecordStatus(context.Response.StatusCode);
            }
        }
    }
}

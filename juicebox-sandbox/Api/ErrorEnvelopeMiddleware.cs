namespace Juicebox.Sandbox.Api;

/// <summary>
/// Guarantees the error envelope: turns unhandled exceptions into 500 INTERNAL_ERROR and gives a
/// body to bare error statuses produced by routing (unknown path, wrong method).
/// </summary>
internal sealed class ErrorEnvelopeMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorEnvelopeMiddleware> _logger;

    public ErrorEnvelopeMiddleware(RequestDelegate next, ILogger<ErrorEnvelopeMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            _logger.LogError(exception, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ApiResults.WriteAsync(context, ApiResults.Error(
                StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "The sandbox failed to answer."));
            return;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            await ApiResults.WriteAsync(context, ApiResults.Error(
                status, ErrorCodes.ForStatus(status), $"No {context.Request.Method} {context.Request.Path} here."));
        }
    }
}

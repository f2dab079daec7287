using System.Diagnostics;
using Juicebox.GrainInterfaces.Telemetry;
using Juicebox.Grains.Telemetry;

namespace Juicebox.ClientApi.Telemetry;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is a valid one,
/// otherwise the request's W3C trace id. The id is echoed in the response, put in the log scope of
/// everything the request logs, and set in Orleans' request context, which carries it to the grains
/// the request calls and on to the upstream call.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    // Returns the next step's task rather than awaiting it: nothing follows it here, and an await would box a frame per request.
    public Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[Correlation.HeaderName];
        string correlationId;
        if (presented.Count == 1 && Correlation.IsValid(presented[0]))
        {
            correlationId = presented[0]!;
        }
        else
        {
            correlationId = (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();
        }

        // Set as the headers go out, so an error handler that clears the response keeps it.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Correlation.HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        // Every record from here on carries it in its scopes (CorrelationScopeProvider reads it back).
        Correlation.Set(correlationId);
        if (presented.Count > 0 && !string.Equals(presented[0], correlationId, StringComparison.Ordinal))
        {
            // The value itself is not logged: it failed validation, so it may be anything.
            LogReplaced(Correlation.HeaderName, Correlation.MaxLength);
        }

        return next(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The request's {Header} was not used (one value of 1 to {MaxLength} letters, digits, '-', '_', '.' or ':' is); the request has its own id")]
    private partial void LogReplaced(string header, int maxLength);
}

using Juicebox.Sandbox.Api;

namespace Juicebox.Sandbox.Faults;

/// <summary>Applies the configured latency, hangs and failures to <c>/v1</c> calls.</summary>
internal sealed class FaultInjectionMiddleware
{
    // Valid JSON cut short, whatever the endpoint.
    private const string MalformedJson = "{\"id\":\"jb_";

    // Well-formed JSON in which every field a Juicebox answer has holds the wrong type.
    private const string WrongTypesJson =
        "{\"id\":42,\"name\":[\"not\",\"a\",\"name\"],\"title\":{},\"experience\":\"none\",\"profiles\":7,\"results\":false,\"total\":\"many\"}";

    private readonly RequestDelegate _next;
    private readonly FaultState _faults;
    private readonly TimeProvider _timeProvider;
    private readonly IHostApplicationLifetime _lifetime;

    public FaultInjectionMiddleware(RequestDelegate next, FaultState faults, TimeProvider timeProvider, IHostApplicationLifetime lifetime)
    {
        _next = next;
        _faults = faults;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var decision = _faults.Roll();
        if (decision.Hang || decision.Delay > TimeSpan.Zero)
        {
            // Waits end when the client gives up or the sandbox stops, so neither blocks shutdown.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
            var wait = decision.Hang ? Timeout.InfiniteTimeSpan : decision.Delay;
            try
            {
                await Task.Delay(wait, _timeProvider, linked.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        if (decision.Drop)
        {
            context.Abort();
            return;
        }

        if (decision.FailureStatus == StatusCodes.Status503ServiceUnavailable)
        {
            ApiResults.SetRetryAfter(context, TimeSpan.FromSeconds(decision.RetryAfterSeconds));
            await ApiResults.WriteAsync(context, ApiResults.Error(
                decision.FailureStatus, ErrorCodes.ServiceUnavailable, "The service is unavailable (injected fault)."));
            return;
        }

        if (decision.FailureStatus == StatusCodes.Status500InternalServerError)
        {
            await ApiResults.WriteAsync(context, ApiResults.Error(
                decision.FailureStatus, ErrorCodes.InternalError, "The server failed (injected fault)."));
            return;
        }

        if (decision.Lie != FaultLie.None)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(decision.Lie == FaultLie.MalformedJson ? MalformedJson : WrongTypesJson, context.RequestAborted);
            return;
        }

        await _next(context);
    }
}

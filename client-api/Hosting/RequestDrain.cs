using Juicebox.ClientApi.Apis;
using Juicebox.Grains.Hosting.Shutdown;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Counts the requests in flight and, once the host is stopping, answers new ones 503 with
/// <c>Retry-After</c> (a problem document) instead of starting them. The health endpoints still
/// answer, so that readiness reports the stop.
/// </summary>
internal sealed class RequestDrain(ShutdownProgress progress)
{
    private int _inFlight;

    /// <summary>Requests started before the stop that have not finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (progress.IsStopping && !context.Request.Path.StartsWithSegments("/health"))
        {
            await ApiProblems.ShuttingDown(context).ExecuteAsync(context);
            return;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

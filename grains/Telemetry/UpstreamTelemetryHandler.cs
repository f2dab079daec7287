using Juicebox.Client.Http;
using Juicebox.GrainInterfaces.Telemetry;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// The innermost handler of the Juicebox client, so it sees each attempt as sent: it passes the
/// current correlation id on in <see cref="Correlation.HeaderName"/> and counts and times the call by
/// endpoint template and status code. Waiting for the budget's slot happens before and is not timed.
/// </summary>
internal sealed class UpstreamTelemetryHandler(JuiceboxMetrics metrics, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(Correlation.HeaderName);
        if (Correlation.Current is { } correlationId)
        {
            request.Headers.TryAddWithoutValidation(Correlation.HeaderName, correlationId);
        }

        var method = request.Method.Method;
        var endpoint = request.GetEndpoint();
        var started = clock.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.UpstreamCall(method, endpoint, (int)response.StatusCode, clock.GetElapsedTime(started));
            return response;
        }
        catch (Exception)
        {
            metrics.UpstreamCall(method, endpoint, statusCode: null, clock.GetElapsedTime(started));
            throw;
        }
    }
}

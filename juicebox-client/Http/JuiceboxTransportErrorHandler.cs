using Juicebox.Client.Errors;
using Juicebox.Client.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Juicebox.Client.Http;

/// <summary>
/// Sits just outside the resilience handler and turns what it gives up with into
/// <see cref="JuiceboxTransportException"/>. Cancellations pass through untouched: only the client
/// knows whether its caller asked for them.
/// </summary>
internal sealed class JuiceboxTransportErrorHandler(JuiceboxCircuitTracker circuit) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            var retryAfter = circuit.RetryAfter;
            var when = retryAfter is { } wait ? $"; it lets a call through again in about {wait.TotalSeconds:0.#} s" : string.Empty;
            throw new JuiceboxTransportException(
                JuiceboxTransportFailure.CircuitOpen,
                $"{Describe(request)} was not sent: the Juicebox API failed repeatedly and the circuit is open{when}.",
                exception,
                retryAfter);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new JuiceboxTransportException(
                JuiceboxTransportFailure.Timeout,
                $"{Describe(request)} timed out after {exception.Timeout.TotalSeconds:0.###} s.",
                exception);
        }
        catch (HttpRequestException exception)
        {
            throw new JuiceboxTransportException(
                JuiceboxTransportFailure.ConnectionFailed,
                $"{Describe(request)} failed to reach the Juicebox API: {exception.Message}",
                exception);
        }
    }

    // Method and path only: a query string is the one place a careless caller could put a secret.
    internal static string Describe(HttpRequestMessage request) =>
        $"Juicebox {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path) ?? "(no URI)"}";
}

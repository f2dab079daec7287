using System.Net;
using System.Net.Sockets;
using Juicebox.Client.Errors;
using Juicebox.Client.Http;
using Polly;
using Polly.Timeout;

namespace Juicebox.Client.Resilience;

/// <summary>
/// Which outcomes are worth another attempt, and which count against the upstream's health.
/// Reads (<see cref="JuiceboxCallSafety.Repeatable"/>) retry on every transient failure; calls that
/// spend quota retry only on answers that prove the upstream did not process them.
/// </summary>
internal static class JuiceboxRetryDecision
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, JuiceboxCallSafety safety, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException failure when NeverReachedServer(failure) => true,
                HttpRequestException or TimeoutRejectedException => safety == JuiceboxCallSafety.Repeatable,

                // Not sent: the shared budget has no room before its retry time, so retrying now cannot help.
                JuiceboxThrottledException => false,

                // An open circuit, a cancellation or anything unexpected: another attempt cannot help.
                _ => false,
            };
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        // A wait longer than we are willing to sit through (a spent quota, typically) fails at once,
        // so the caller can schedule the work for later instead of holding a thread on it.
        if (retryAfter > maxRetryAfter)
        {
            return false;
        }

        return response.StatusCode switch
        {
            // 429 and 503 are refusals: the upstream did nothing, so even enrichment may go again.
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,

            // After these the upstream may have done the work, so only reads are repeated.
            HttpStatusCode.RequestTimeout
                or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway
                or HttpStatusCode.GatewayTimeout => safety == JuiceboxCallSafety.Repeatable,
            _ => false,
        };
    }

    /// <summary>True for the outcomes that say the upstream is unwell (not for 429: that is our own budget).</summary>
    public static bool IsUpstreamFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: HttpStatusCode.RequestTimeout }
        || (outcome.Result is { } response && (int)response.StatusCode >= 500);

    private static bool NeverReachedServer(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || failure.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
}

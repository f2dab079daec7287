using System.Net;

namespace Juicebox.Grains.Enrichment.Workers;

/// <summary>
/// Which failed upstream calls count toward <see cref="EnrichmentOptions.MaxAttempts"/>. An upstream
/// unwell as a whole says nothing about the requests it failed: a retry after it saves them, so its
/// failures count only once a request has waited <see cref="EnrichmentOptions.OutageGrace"/> through
/// them. Every other failure counts at once, so a request the upstream keeps refusing is given up.
/// </summary>
internal static class EnrichmentAttemptRule
{
    /// <summary>
    /// The upstream unwell rather than refusing these requests: what its circuit breaker counts (no
    /// connection, a timeout, the breaker open, 408, any 5xx) and a 2xx answer that broke the contract.
    /// </summary>
    public static bool IsOutage(JuiceboxException failure) => failure switch
    {
        JuiceboxTransportException => true,
        JuiceboxApiException api => api.ErrorCode == JuiceboxErrorCodes.InvalidResponse
            || api.StatusCode == HttpStatusCode.RequestTimeout
            || (int)api.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="failure"/> counts as an attempt of <paramref name="message"/>; remembers
    /// when the message first met an outage, from which its grace runs (once per request: the grace is
    /// a bound on the outages one request sits through, not on each of them).
    /// </summary>
    public static bool Counts(EnrichmentBacklog.HeldMessage message, JuiceboxException failure, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsOutage(failure))
        {
            return true;
        }

        message.FirstOutageAt ??= now;
        return now - message.FirstOutageAt.Value >= grace;
    }
}

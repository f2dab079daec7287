namespace Juicebox.Grains.Profiles;

/// <summary>Turns client exceptions into the serializable error a grain reports to callers.</summary>
internal static class UpstreamErrors
{
    /// <summary>
    /// How long to answer with a failure before asking the upstream again: a throttled call was never
    /// sent, so the cluster's budget knows exactly when there is room; otherwise the upstream's
    /// <c>retry-after</c>, but at least <paramref name="minimum"/>.
    /// </summary>
    public static TimeSpan RetryWait(JuiceboxException exception, UpstreamError error, TimeSpan minimum) =>
        exception is JuiceboxThrottledException { RetryAfter: { } room }
            ? room
            : error.RetryAfter > minimum ? error.RetryAfter.Value : minimum;

    public static UpstreamError From(JuiceboxException exception) => exception switch
    {
        JuiceboxApiException api => new UpstreamError
        {
            Code = api.ErrorCode,
            Message = api.UpstreamMessage,

            // An answer that broke the contract (cut short, wrong types) is the upstream unwell, not a
            // refusal of this request: enrichment retries it as an outage, and callers are told to as well.
            IsTransient = api.IsTransient || api.ErrorCode == JuiceboxErrorCodes.InvalidResponse,
            RetryAfter = api.RetryAfter,
        },
        JuiceboxThrottledException throttled => new UpstreamError
        {
            Code = JuiceboxThrottledException.ErrorCode,
            Message = throttled.Reason,
            IsTransient = true,
            RetryAfter = throttled.RetryAfter,
        },
        JuiceboxTransportException transport => new UpstreamError
        {
            Code = transport.Failure switch
            {
                JuiceboxTransportFailure.Timeout => "TIMEOUT",
                JuiceboxTransportFailure.CircuitOpen => "CIRCUIT_OPEN",
                _ => "CONNECTION_FAILED",
            },
            Message = transport.Message,
            IsTransient = true,
            RetryAfter = transport.RetryAfter,
        },
        _ => new UpstreamError { Code = "UPSTREAM_ERROR", Message = exception.Message, IsTransient = exception.IsTransient, RetryAfter = exception.RetryAfter },
    };
}

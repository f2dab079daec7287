namespace Juicebox.Grains.Profiles;

/// <summary>Turns client exceptions into the serializable error a grain reports to callers.</summary>
internal static class UpstreamErrors
{
    public static UpstreamError From(JuiceboxException exception) => exception switch
    {
        JuiceboxApiException api => new UpstreamError
        {
            Code = api.ErrorCode,
            Message = api.UpstreamMessage,
            IsTransient = api.IsTransient,
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

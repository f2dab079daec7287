namespace Juicebox.Client.Errors;

/// <summary>Why a call produced no upstream answer at all.</summary>
public enum JuiceboxTransportFailure
{
    /// <summary>An attempt or the whole call ran out of time.</summary>
    Timeout,

    /// <summary>The circuit breaker is open: the upstream failed recently and calls fail fast.</summary>
    CircuitOpen,

    /// <summary>The connection could not be made or broke.</summary>
    ConnectionFailed,
}

/// <summary>A call that got no usable answer from the Juicebox API.</summary>
public sealed class JuiceboxTransportException(JuiceboxTransportFailure failure, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
    : JuiceboxException(message, innerException)
{
    public JuiceboxTransportFailure Failure { get; } = failure;

    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}

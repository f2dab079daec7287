namespace Juicebox.Client.Errors;

/// <summary>
/// The call was not sent: the shared budget of the API key has no room for it before
/// <see cref="RetryAfter"/> (the per-minute pace, the daily limit or the monthly quota).
/// </summary>
public sealed class JuiceboxThrottledException(string reason, TimeSpan retryAfter, bool quotaExhausted)
    : JuiceboxException($"Not sent: {reason} Retry in {retryAfter.TotalSeconds:0.#} s.")
{
    /// <summary>The error code this failure reports where upstream codes are reported.</summary>
    public const string ErrorCode = "THROTTLED";

    /// <summary>Why the budget has no room, for operators and callers.</summary>
    public string Reason { get; } = reason;

    /// <summary>True when a daily or monthly quota, not the per-minute pace, is what is spent.</summary>
    public bool QuotaExhausted { get; } = quotaExhausted;

    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}

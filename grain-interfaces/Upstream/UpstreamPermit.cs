namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>
/// The budget's answer: either the call may be sent at <see cref="SendAt"/> (after waiting
/// <see cref="Delay"/>), or it must not be sent before <see cref="RetryAt"/>, for <see cref="Reason"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamPermit")]
public sealed record class UpstreamPermit
{
    [Id(0)] public required bool Granted { get; init; }

    /// <summary>Granted: the reserved slot, on the budget's clock.</summary>
    [Id(1)] public DateTimeOffset? SendAt { get; init; }

    /// <summary>
    /// Granted: how long to wait before sending, measured when the budget answered. Callers wait this
    /// rather than until <see cref="SendAt"/>, so skew between silo clocks cannot move the slot.
    /// </summary>
    [Id(2)] public TimeSpan Delay { get; init; }

    /// <summary>Denied: the earliest time a new request can be granted, on the budget's clock.</summary>
    [Id(3)] public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Denied: how long to wait before asking again, measured when the budget answered.</summary>
    [Id(4)] public TimeSpan RetryAfter { get; init; }

    /// <summary>Denied: why, in words an operator can act on.</summary>
    [Id(5)] public string? Reason { get; init; }

    /// <summary>Denied because a daily or monthly quota is spent, not because of the per-minute pace.</summary>
    [Id(6)] public bool QuotaExhausted { get; init; }

    public static UpstreamPermit Grant(DateTimeOffset sendAt, DateTimeOffset now) => new()
    {
        Granted = true,
        SendAt = sendAt,
        Delay = sendAt > now ? sendAt - now : TimeSpan.Zero,
    };

    public static UpstreamPermit Deny(DateTimeOffset retryAt, DateTimeOffset now, string reason, bool quotaExhausted) => new()
    {
        Granted = false,
        RetryAt = retryAt,
        RetryAfter = retryAt > now ? retryAt - now : TimeSpan.Zero,
        Reason = reason,
        QuotaExhausted = quotaExhausted,
    };
}

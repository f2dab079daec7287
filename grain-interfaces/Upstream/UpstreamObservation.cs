namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>What one upstream answer said about the key's budget: its status and rate-limit headers.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamObservation")]
public sealed record class UpstreamObservation
{
    /// <summary>The HTTP status of the answer.</summary>
    [Id(0)] public int StatusCode { get; init; }

    /// <summary>The <c>error.code</c> of a 429 (<c>RATE_LIMITED</c> or <c>QUOTA_EXCEEDED</c>); null otherwise.</summary>
    [Id(1)] public string? ErrorCode { get; init; }

    /// <summary><c>x-ratelimit-limit</c>: requests allowed in the upstream's current minute window.</summary>
    [Id(2)] public int? Limit { get; init; }

    /// <summary><c>x-ratelimit-remaining</c>: requests left in that window.</summary>
    [Id(3)] public int? Remaining { get; init; }

    /// <summary><c>x-ratelimit-reset</c>: when that window ends.</summary>
    [Id(4)] public DateTimeOffset? Reset { get; init; }

    /// <summary><c>retry-after</c> (429 and 503 only).</summary>
    [Id(5)] public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The enrichments the call's permit reserved. A 2xx answer spent them (at most this many); a 4xx
    /// answer spent none, so the budget gives them back.
    /// </summary>
    [Id(6)] public int Enrichments { get; init; }
}

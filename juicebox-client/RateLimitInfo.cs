namespace Juicebox.Client;

/// <summary>
/// The rate-limit headers of one upstream response (<c>x-ratelimit-*</c>, <c>retry-after</c>);
/// each is null when the response did not carry it.
/// </summary>
public sealed record RateLimitInfo(int? Limit, int? Remaining, DateTimeOffset? Reset, TimeSpan? RetryAfter)
{
    public static RateLimitInfo None { get; } = new(null, null, null, null);
}

/// <summary>A successful upstream answer together with the rate-limit headers it came with.</summary>
public sealed record JuiceboxResponse<T>(T Value, RateLimitInfo RateLimit);

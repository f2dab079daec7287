using System.Globalization;
using System.Net.Http.Headers;

namespace Juicebox.Client.Http;

/// <summary>
/// Reads <c>x-ratelimit-limit/remaining/reset</c> and <c>retry-after</c> off a response (public for
/// handlers that callers add to the client's builder, such as a shared rate limiter).
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "x-ratelimit-limit";
    public const string Remaining = "x-ratelimit-remaining";
    public const string Reset = "x-ratelimit-reset";

    public static RateLimitInfo Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var headers = response.Headers;
        var reset = ReadLong(headers, Reset);

        return new RateLimitInfo(
            ReadInt(headers, Limit),
            ReadInt(headers, Remaining),
            reset is { } seconds && seconds is >= 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            ReadRetryAfter(response, timeProvider));
    }

    /// <summary>
    /// <c>retry-after</c> as a wait: delta seconds as given, an HTTP-date as the time left until it
    /// (never negative).
    /// </summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RetryConditionHeaderValue? retryAfter;
        try
        {
            retryAfter = response.Headers.RetryAfter;
        }
        catch (FormatException)
        {
            return null;
        }

        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        ReadLong(headers, name) is { } value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    private static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        var first = values.FirstOrDefault();
        return long.TryParse(first?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

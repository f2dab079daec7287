using System.Globalization;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Api;

/// <summary>Writes the <c>x-ratelimit-*</c> headers every answer carries.</summary>
internal static class RateLimitHeaders
{
    public const string Limit = "x-ratelimit-limit";
    public const string Remaining = "x-ratelimit-remaining";
    public const string Reset = "x-ratelimit-reset";

    public static void Set(HttpContext context, RateLimitState state)
    {
        var headers = context.Response.Headers;
        headers[Limit] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = state.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}

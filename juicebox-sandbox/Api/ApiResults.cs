using System.Globalization;

namespace Juicebox.Sandbox.Api;

/// <summary>Builds and writes error answers in the contract's envelope.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string code, string message, object? details = null)
    {
        return TypedResults.Json(new ErrorEnvelope(new ErrorBody(code, message, details)), statusCode: status);
    }

    public static IResult InvalidRequest(string message, string? field = null)
    {
        return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, message, field is null ? null : new { field });
    }

    public static IResult NotFound(string message)
    {
        return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);
    }

    /// <summary>A 429 with <c>retry-after</c>.</summary>
    public static IResult TooManyRequests(HttpContext context, string code, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);
        var message = code == ErrorCodes.RateLimited
            ? "Too many requests in the current one-minute window."
            : "The quota for the current period is used up.";
        return Error(StatusCodes.Status429TooManyRequests, code, message, new { retryAfterSeconds = (int)retryAfter.TotalSeconds });
    }

    public static void SetRetryAfter(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes an error directly, for middleware that answers instead of an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, IResult result)
    {
        return result.ExecuteAsync(context);
    }
}

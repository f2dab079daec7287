using System.Globalization;

namespace Juicebox.ClientApi.Hosting;

/// <summary>The problem documents of the request limits (<see cref="RequestLimitsOptions"/>).</summary>
internal static class RequestLimitProblems
{
    private const string TypePrefix = "https://juicebox.local/problems/";

    public static ProblemHttpResult BodyTooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: Invariant($"This route takes a body of at most {maxBytes} bytes."),
        type: TypePrefix + "body-too-large",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static ProblemHttpResult HeadersTooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge,
        title: "Request headers too large",
        detail: Invariant($"The request's headers may take at most {maxBytes} bytes together."),
        type: TypePrefix + "headers-too-large",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static ProblemHttpResult UrlTooLong(int maxLength) => TypedResults.Problem(
        statusCode: StatusCodes.Status414UriTooLong,
        title: "URL too long",
        detail: Invariant($"The path and query string may take at most {maxLength} characters."),
        type: TypePrefix + "url-too-long",
        extensions: new Dictionary<string, object?> { ["maxLength"] = maxLength });

    public static ProblemHttpResult TooManyEventStreams(HttpContext context, int maxStreams)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many open event streams",
            detail: Invariant($"A client may follow at most {maxStreams} event streams at once on one server; close one first."),
            type: TypePrefix + "too-many-event-streams",
            extensions: new Dictionary<string, object?> { ["maxStreams"] = maxStreams });
    }

    /// <summary>A request Kestrel refused while the app read it: a slow or broken body (408, 400) or one too large (413).</summary>
    public static ProblemHttpResult BadRequest(int statusCode, string reason) => TypedResults.Problem(
        statusCode: statusCode,
        title: statusCode == StatusCodes.Status408RequestTimeout ? "Request body too slow" : "Bad request",
        detail: reason,
        type: TypePrefix + (statusCode == StatusCodes.Status408RequestTimeout ? "request-too-slow" : "bad-request"));

    /// <summary>
    /// The request outlived <see cref="RequestLimitsOptions.RequestTimeout"/>: 408 when its body was
    /// still arriving (the client was slow), 503 with <c>Retry-After</c> when the server was.
    /// </summary>
    public static Task WriteTimeoutAsync(HttpContext context, TimeSpan timeout)
    {
        if (RequestBodyLimitMiddleware.IsBodyPending(context))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status408RequestTimeout,
                title: "Request body too slow",
                detail: Invariant($"The request's body did not arrive within {timeout.TotalSeconds:0.###} s."),
                type: TypePrefix + "request-too-slow").ExecuteAsync(context);
        }

        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The request took too long",
            detail: Invariant($"No answer within {timeout.TotalSeconds:0.###} s; retry shortly."),
            type: TypePrefix + "request-timeout").ExecuteAsync(context);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

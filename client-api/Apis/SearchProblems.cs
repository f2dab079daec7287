using System.Globalization;
using System.Text.Json;
using Juicebox.GrainInterfaces.Search;

namespace Juicebox.ClientApi.Apis;

/// <summary>The problem details of <c>POST /api/v1/search</c>.</summary>
internal static class SearchProblems
{
    public static ProblemHttpResult MissingBody() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid search request",
        detail: "The body must be a JSON object with at least \"query\".",
        type: "https://juicebox.local/problems/invalid-search-request",
        extensions: new Dictionary<string, object?> { ["code"] = SearchRequestError.InvalidRequest });

    public static ProblemHttpResult NotJson() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Invalid search request",
        detail: "The body must be JSON (Content-Type: application/json).",
        type: "https://juicebox.local/problems/invalid-search-request",
        extensions: new Dictionary<string, object?> { ["code"] = SearchRequestError.InvalidRequest });

    public static ProblemHttpResult MalformedBody(JsonException malformed)
    {
        var where = malformed.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid search request",
            detail: $"The body is not a valid search{where}: it must be a JSON object with a string \"query\", an integer \"limit\", "
                + "a string \"cursor\", \"filters\" {\"title\", \"company\", \"location\": strings, \"skills\": [strings]} and an integer \"autoEnrich\".",
            type: "https://juicebox.local/problems/invalid-search-request",
            extensions: new Dictionary<string, object?> { ["code"] = SearchRequestError.InvalidRequest, ["path"] = malformed.Path });
    }

    /// <summary>A search refused before it reached the upstream, with the upstream's code for the same mistake.</summary>
    public static ProblemHttpResult Invalid(SearchRequestError error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code, ["field"] = error.Field };
        if (error.Position is { } position)
        {
            extensions["position"] = position;
        }

        var isQuery = error.Code == SearchRequestError.InvalidQuery;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: isQuery ? "Invalid search query" : "Invalid search request",
            detail: error.Message,
            type: isQuery ? "https://juicebox.local/problems/invalid-search-query" : "https://juicebox.local/problems/invalid-search-request",
            extensions: extensions);
    }

    public static ProblemHttpResult InvalidAutoEnrich(int autoEnrich, int limit) => Invalid(new SearchRequestError(
        SearchRequestError.InvalidRequest, "autoEnrich", $"autoEnrich must be between 0 and the limit ({limit}); got {autoEnrich}."));

    /// <summary>
    /// The upstream's answer to a search it refused or could not serve: its own 400s as 400 (with the
    /// position of an <c>INVALID_QUERY</c>), transient failures as 503 + <c>Retry-After</c>, the rest as 502.
    /// </summary>
    public static ProblemHttpResult Failed(SearchResult result, HttpContext context)
    {
        var error = result.Error!;
        if (error.Code is SearchRequestError.InvalidQuery or SearchRequestError.InvalidRequest)
        {
            var extensions = new Dictionary<string, object?> { ["code"] = error.Code, ["upstreamCode"] = error.Code };
            if (result.ErrorPosition is { } position)
            {
                extensions["position"] = position;
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: error.Code == SearchRequestError.InvalidQuery ? "Invalid search query" : "Invalid search request",
                detail: $"The Juicebox API refused the search: {error.Message}",
                type: error.Code == SearchRequestError.InvalidQuery
                    ? "https://juicebox.local/problems/invalid-search-query"
                    : "https://juicebox.local/problems/invalid-search-request",
                extensions: extensions);
        }

        if (error.IsTransient)
        {
            var retryAfter = error.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(5);
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(
            statusCode: error.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            title: "The Juicebox API could not answer",
            detail: $"The search is not cached and the upstream failed ({error.Code}).",
            type: "https://juicebox.local/problems/upstream-unavailable",
            extensions: new Dictionary<string, object?> { ["upstreamCode"] = error.Code });
    }
}

using System.Globalization;

using Juicebox.Client.Errors;

namespace Juicebox.ClientApi.Apis;

/// <summary>The RFC 9457 problem details the API answers with.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult InvalidProfileId(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid profile id",
        detail: $"A Juicebox profile id is 1 to {ProfileKey.MaxIdLength} letters, digits, '_', '-' or '.'; got '{Truncate(id)}'.",
        type: "https://juicebox.local/problems/invalid-profile-id");

    public static ProblemHttpResult ProfileNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Profile not found",
        detail: $"Juicebox knows no profile with id '{id}'.",
        type: "https://juicebox.local/problems/profile-not-found");

    public static ProblemHttpResult UpstreamUnavailable(UpstreamError error, HttpContext context)
    {
        var retryAfter = error.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(5);
        if (error.IsTransient)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(
            statusCode: error.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            title: "The Juicebox API could not answer",
            detail: error.Code == JuiceboxErrorCodes.InvalidResponse
                ? "Nothing is cached for this profile and the upstream's answer broke its contract (INVALID_RESPONSE); nothing was stored."
                : $"Nothing is cached for this profile and the upstream failed ({error.Code}).",
            type: "https://juicebox.local/problems/upstream-unavailable",
            extensions: new Dictionary<string, object?> { ["upstreamCode"] = error.Code });
    }

    public static ProblemHttpResult InvalidJob(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid enrichment job",
        detail: detail,
        type: "https://juicebox.local/problems/invalid-enrichment-job");

    public static ProblemHttpResult JobNotFound(Guid jobId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Enrichment job not found",
        detail: $"There is no enrichment job {jobId} (finished jobs are kept for a limited time).",
        type: "https://juicebox.local/problems/enrichment-job-not-found");

    public static ProblemHttpResult NoEnrichmentRequested(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No enrichment requested",
        detail: $"No enrichment of profile '{id}' has been requested (or its job has expired).",
        type: "https://juicebox.local/problems/enrichment-not-requested");

    public static ProblemHttpResult InvalidLimit(int limit, int max) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid limit",
        detail: $"limit must be between 1 and {max}; got {limit}.",
        type: "https://juicebox.local/problems/invalid-limit");

    public static ProblemHttpResult InvalidLimit(string limit, int max) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid limit",
        detail: $"limit must be a whole number between 1 and {max}; got '{Truncate(limit)}'.",
        type: "https://juicebox.local/problems/invalid-limit");

    /// <summary>410: the id was erased on request and is suppressed; nothing is held and the upstream is not asked.</summary>
    public static ProblemHttpResult ProfileErased(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status410Gone,
        title: "Profile erased",
        detail: $"Profile '{id}' was erased on request; it is not served or collected again.",
        type: "https://juicebox.local/problems/profile-erased");

    public static ProblemHttpResult InvalidProfileQuery(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid profile query",
        detail: detail,
        type: "https://juicebox.local/problems/invalid-profile-query");

    public static ProblemHttpResult ClusterUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The cluster could not answer",
            detail: "No silo answered in time; retry shortly.",
            type: "https://juicebox.local/problems/cluster-unavailable");
    }

    /// <summary>Answers requests that arrive once this replica was told to stop; another replica (or this one's successor) takes them.</summary>
    public static ProblemHttpResult ShuttingDown(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "This replica is shutting down",
            detail: "The request was not started; retry it, and a replica that runs will answer.",
            type: "https://juicebox.local/problems/shutting-down");
    }

    /// <summary>The 403 of a request its client's scopes do not cover (as <c>RequireScope</c> answers, for checks inside a route).</summary>
    public static ProblemHttpResult MissingScope(string scope, HttpContext context) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Missing scope",
        detail: $"This request needs the scope '{scope}', which the client '{context.User.Identity?.Name}' does not have.",
        type: "https://juicebox.local/problems/missing-scope",
        extensions: new Dictionary<string, object?> { ["scope"] = scope });

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

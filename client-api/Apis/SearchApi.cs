using Juicebox.ClientApi.Auth;
using System.Text.Json;
using Juicebox.ClientApi.OpenApi;
using Juicebox.GrainInterfaces.Search;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Net.Http.Headers;

namespace Juicebox.ClientApi.Apis;

/// <summary>Search: the upstream's people search, checked before it spends quota and cached in the cluster.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/v1/search").WithTags(ApiTags.Search).RequireScope(ApiScopes.Search).WithholdsContact();

        api.MapPost("", SearchAsync)
            .WithName("Search")
            .Accepts<SearchApiRequest>("application/json")
            .WithSummary("Searches people: one page, cached in the cluster; identical searches made together cost one upstream call.")
            .WithDescription(
                "The body is the Juicebox search body (query, limit, cursor, filters) plus autoEnrich: enrich the first N results "
                + "in the background. X-Cache says hit or miss; follow nextCursor (with the same query) for the next page. "
                + "A malformed query is refused before it spends quota: 400 with code INVALID_QUERY and the 0-based position. "
                + "autoEnrich needs the enrich scope (403 naming it) and counts against the client's monthly enrichment allowance; "
                + "when that is used up, the results come without an enrichment job.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<Ok<SearchApiResponse>, ProblemHttpResult>> SearchAsync(
        GrainReads reads,
        EnrichmentSubmissions submissions,
        IOptions<JsonOptions> json,
        HttpContext context)
    {
        // Read by hand rather than bound, so that a malformed body gets a problem saying where.
        if (!context.Request.HasJsonContentType())
        {
            return SearchProblems.NotJson();
        }

        SearchApiRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<SearchApiRequest>(json.Value.SerializerOptions, context.RequestAborted);
        }
        catch (JsonException malformed)
        {
            return SearchProblems.MalformedBody(malformed);
        }

        if (request is null)
        {
            return SearchProblems.MissingBody();
        }

        var input = new SearchInput
        {
            Query = request.Query,
            Limit = request.Limit,
            Cursor = request.Cursor,
            Title = request.Filters?.Title,
            Company = request.Filters?.Company,
            Location = request.Filters?.Location,
            Skills = request.Filters?.Skills,
        };
        if (!SearchRequests.TryNormalize(input, out var query, out var invalid))
        {
            return SearchProblems.Invalid(invalid);
        }

        var autoEnrich = request.AutoEnrich ?? 0;
        if (autoEnrich < 0 || autoEnrich > query.Limit)
        {
            return SearchProblems.InvalidAutoEnrich(autoEnrich, query.Limit);
        }

        if (autoEnrich > 0 && !context.User.HasScope(ApiScopes.Enrich))
        {
            return ApiProblems.MissingScope(ApiScopes.Enrich, context);
        }

        var result = await reads.ReadAsync(cluster => cluster.GetSearchGrain(query).SearchAsync(query), context.RequestAborted);
        if (result.Outcome != SearchOutcome.Found)
        {
            return SearchProblems.Failed(result, context);
        }

        var page = result.Page!;
        var enrichment = autoEnrich > 0 ? await EnrichAsync(page, autoEnrich, submissions, context) : null;
        var freshFor = result.FreshUntil!.Value - DateTimeOffset.UtcNow;
        context.Response.Headers["X-Cache"] = result.Cache == CacheStatus.Hit ? "hit" : "miss";
        context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue
        {
            Private = true,
            MaxAge = freshFor > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Floor(freshFor.TotalSeconds)) : TimeSpan.Zero,
        };

        return TypedResults.Ok(new SearchApiResponse(
            page.SearchId, page.Profiles, page.Total, page.NextCursor, result.CachedAt!.Value, result.FreshUntil.Value, enrichment));
    }

    /// <summary>
    /// Submits the page's first <paramref name="count"/> results as one enrichment job; none when the page is
    /// empty or the client's monthly allowance is used up (the search itself is answered all the same).
    /// </summary>
    private static async Task<SearchEnrichmentJob?> EnrichAsync(SearchPage page, int count, EnrichmentSubmissions submissions, HttpContext context)
    {
        var ids = page.Profiles.Take(count).Select(profile => profile.Id).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var (job, _) = await submissions.SubmitAsync(ids, context);
        return job is null ? null : new SearchEnrichmentJob(job.JobId, job.Accepted, $"/api/v1/enrichments/{job.JobId}");
    }
}

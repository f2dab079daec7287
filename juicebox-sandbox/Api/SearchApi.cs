using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Search;

namespace Juicebox.Sandbox.Api;

/// <summary><c>POST /search</c>.</summary>
internal static class SearchApi
{
    public const int MaxQueryLength = 500;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapPost("/search", SearchAsync).WithName("Search").WithMetadata(new RequiredScopeMetadata(ApiScopes.Search));
        return api;
    }

    public static async Task<IResult> SearchAsync(HttpContext context, SearchEngine engine, UsageTracker usage)
    {
        var (request, bodyError) = await JsonBody.ReadAsync<SearchRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (Validate(request!) is { } invalid)
        {
            return invalid;
        }

        var query = request!.Query!;
        QueryNode parsed;
        try
        {
            parsed = QueryParser.Parse(query);
        }
        catch (QuerySyntaxException exception)
        {
            return ApiResults.Error(
                StatusCodes.Status400BadRequest, ErrorCodes.InvalidQuery, exception.Message, new { position = exception.Position });
        }

        var corpus = engine.Corpus;
        var fingerprint = SearchFingerprint.Compute(corpus.Seed, corpus.Count, query, request.Filters);
        var offset = 0;
        if (request.Cursor is { } cursor && !SearchCursor.TryDecode(cursor, fingerprint, out offset))
        {
            return ApiResults.InvalidRequest("The cursor is invalid or belongs to another query or filters.", "cursor");
        }

        var charge = usage.ChargeSearch(Caller.Get(context));
        if (!charge.Allowed)
        {
            return ApiResults.TooManyRequests(context, charge.RefusalCode!, charge.RetryAfter);
        }

        var limit = request.Limit ?? DefaultLimit;
        var matcher = ProfileMatcher.Compile(parsed, request.Filters, corpus.Vocabulary);
        var (total, page) = engine.Run(matcher, offset, limit);
        var nextOffset = offset + page.Count;
        var nextCursor = nextOffset < total ? SearchCursor.Encode(nextOffset, fingerprint) : null;
        return TypedResults.Ok(new SearchResponse(
            $"srch_{fingerprint:x16}",
            [.. page.Select(corpus.GetSummary)],
            total,
            nextCursor));
    }

    private static IResult? Validate(SearchRequest request)
    {
        if (string.IsNullOrEmpty(request.Query) || request.Query.Length > MaxQueryLength)
        {
            return ApiResults.InvalidRequest($"query must be 1..{MaxQueryLength} characters.", "query");
        }

        if (request.Limit is < 1 or > MaxLimit)
        {
            return ApiResults.InvalidRequest($"limit must be 1..{MaxLimit}.", "limit");
        }

        if (request.Filters?.Skills is { } skills && skills.Any(string.IsNullOrWhiteSpace))
        {
            return ApiResults.InvalidRequest("filters.skills must not contain empty skills.", "filters.skills");
        }

        return null;
    }
}

using Juicebox.ClientApi.Auditing;
using Juicebox.ClientApi.Auth;
using Juicebox.GrainInterfaces.LocalQueries;
using Juicebox.GrainInterfaces.Telemetry;
using System.Globalization;
using Juicebox.ClientApi.OpenApi;
using Juicebox.ClientApi.ReadCache;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The profile endpoints: hot reads served by the profile grains, and local queries over the
/// profiles the cluster has stored.
/// </summary>
public static class ProfilesApi
{
    public static RouteGroupBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/v1/profiles").WithTags(ApiTags.Profiles).RequireScope(ApiScopes.ProfilesRead);

        api.MapGet("{id}", GetProfileAsync)
            .WithName("GetProfile")
            .WithSummary("Reads a profile from the cluster's cache, fetching it upstream at most once per freshness window.")
            .WithDescription(
                "X-Cache says hit, miss or stale; ETag and If-None-Match give 304 for an unchanged profile. The contact block is " +
                "present only once the profile has been enriched. 502: the upstream refused for good; 503 (with Retry-After): it failed for now.")
            .Produces<ProfileData>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("", QueryProfilesAsync)
            .WithName("QueryProfiles")
            .WithSummary("Lists the stored profiles that match the filters, from the cluster's own table; never calls the upstream.")
            .WithDescription(
                "company, location and title: case-insensitive contains; skill (repeatable): the profile lists every one; " +
                "enriched: true or false; updatedSince: ISO 8601, against the upstream's updatedAt. Ordered by id; " +
                $"limit 1..{ProfileQueryRules.MaxLimit} (default {ProfileQueryRules.DefaultLimit}); pass nextCursor back as cursor, with the same filters, for the next page.")
            .WithQueryParameter("company", OpenApiParameters.Text(ProfileQueryRules.MaxFilterLength), "Case-insensitive contains, on the current company.")
            .WithQueryParameter("location", OpenApiParameters.Text(ProfileQueryRules.MaxFilterLength), "Case-insensitive contains, on the location.")
            .WithQueryParameter("title", OpenApiParameters.Text(ProfileQueryRules.MaxFilterLength), "Case-insensitive contains, on the current title.")
            .WithQueryParameter("enriched", OpenApiParameters.Boolean(), "true: only profiles with contact data; false: only those without.")
            .WithQueryParameter("updatedSince", OpenApiParameters.DateTime(),
                "Only profiles the upstream updated at or after this instant (ISO 8601; a date alone means its midnight UTC; write an offset's '+' as %2B).")
            .WithQueryParameter("cursor", OpenApiParameters.Text(), "The previous page's nextCursor, with the same filters.")
            .WithQueryParameter("limit", OpenApiParameters.Integer(1, ProfileQueryRules.MaxLimit, ProfileQueryRules.DefaultLimit), "Profiles per page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithholdsContact();

        return api;
    }

    public static async Task<Results<Ok<ProfileListResponse>, ProblemHttpResult>> QueryProfilesAsync(
        string? company,
        string? location,
        string[]? skill,
        string? title,
        string? enriched,
        string? updatedSince,
        string? cursor,
        string? limit,
        GrainReads reads,
        HttpContext context)
    {
        var (query, problem) = ProfileQueryParameters.Parse(company, location, skill, title, enriched, updatedSince, cursor, limit);
        if (problem is not null)
        {
            return problem;
        }

        var page = await reads.ReadAsync(grains => grains.GetGrain<IProfileQueryGrain>(0).QueryAsync(query!), context.RequestAborted);
        context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        return TypedResults.Ok(new ProfileListResponse(page.Items, page.NextCursor));
    }

    // The hot read marks X-Contact itself rather than through WithholdsContact's endpoint filter: a route
    // with a filter pays for its invocation context and a boxed result on every request.
    public static async Task<Results<ProfileJsonHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetProfileAsync(
        string id,
        GrainReads reads,
        ProfileReadCache cache,
        AuditTrail audit,
        HttpContext context)
    {
        var maySeeContact = ContactVisibility.MaySeeContact(context);
        if (!ProfileKey.IsValidId(id))
        {
            return ApiProblems.InvalidProfileId(id);
        }

        if (!cache.TryGet(id, out var read))
        {
            var miss = cache.BeginMiss(id);
            read = miss is null
                ? await ReadFromClusterAsync(id, reads, context.RequestAborted)
                : await ReadIntoCacheAsync(miss, reads, cache, context.RequestAborted);
        }

        if (read.ContactOffset is not null && maySeeContact)
        {
            audit.ContactRead(context.User, id);
        }

        return read.Outcome switch
        {
            ProfileReadOutcome.Found => Found(read, maySeeContact, context),
            ProfileReadOutcome.NotFound => ApiProblems.ProfileNotFound(id),
            ProfileReadOutcome.Erased => ApiProblems.ProfileErased(id),
            _ => ApiProblems.UpstreamUnavailable(read.Error!, context),
        };
    }

    // The correlation id goes as an argument instead of in Orleans' request context: see IProfileGrain.ReadJsonAsync.
    private static Task<ProfileRead> ReadFromClusterAsync(string id, GrainReads reads, CancellationToken cancellationToken) =>
        reads.ReadWithoutRequestContextAsync(
            (Id: id, CorrelationId: Correlation.Current),
            static (grains, read) => grains.GetProfileGrain(read.Id).ReadJsonAsync(read.CorrelationId),
            cancellationToken);

    private static async Task<ProfileRead> ReadIntoCacheAsync(ReadCacheMiss miss, GrainReads reads, ProfileReadCache cache, CancellationToken cancellationToken)
    {
        ProfileRead? read = null;
        try
        {
            read = await ReadFromClusterAsync(miss.ProfileId, reads, cancellationToken);
            return read;
        }
        finally
        {
            cache.EndMiss(miss, read);
        }
    }

    // The hot path: headers are written as strings, and If-None-Match is parsed only when a caller sent one.
    private static Results<ProfileJsonHttpResult, StatusCodeHttpResult, ProblemHttpResult> Found(ProfileRead read, bool maySeeContact, HttpContext context)
    {
        var headers = context.Response.Headers;
        var etag = $"\"{read.ContentHash}\"";
        var withContact = read.ContactOffset is null || maySeeContact;
        if (!withContact)
        {
            // Another representation, so another validator: a cache never serves one for the other.
            etag = $"\"{read.ContentHash}-{ContactVisibility.Withheld}\"";
        }

        headers.ETag = etag;
        if (read.FetchedAt is { } fetchedAt)
        {
            headers.LastModified = HeaderUtilities.FormatDate(fetchedAt);
        }

        headers["X-Cache"] = CacheNames.Of(read.Cache);
        headers["X-Cache-Source"] = CacheNames.Of(read.Source);
        if (read.Error is not null)
        {
            headers["X-Upstream-Error"] = read.Error.Code;
        }

        var freshFor = read.FreshUntil - DateTimeOffset.UtcNow;
        var maxAge = freshFor > TimeSpan.Zero ? (long)freshFor.Value.TotalSeconds : 0;
        headers.CacheControl = read.Cache == CacheStatus.Stale
            ? $"private, max-age={maxAge.ToString(CultureInfo.InvariantCulture)}, must-revalidate"
            : $"private, max-age={maxAge.ToString(CultureInfo.InvariantCulture)}";

        if (context.Request.Headers.IfNoneMatch.Count > 0 && Matches(context.Request.GetTypedHeaders().IfNoneMatch, new EntityTagHeaderValue(etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return ProfileJsonHttpResult.Of(read, withContact);
    }

    private static bool Matches(IList<EntityTagHeaderValue> requested, EntityTagHeaderValue etag) =>
        requested.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
}

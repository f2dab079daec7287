using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Corpus;
using Juicebox.Sandbox.Stats;

namespace Juicebox.Sandbox.Api;

/// <summary><c>POST /enrich</c> and <c>POST /enrich/batch</c>; each profile found costs one enrichment.</summary>
internal static class EnrichApi
{
    public static RouteGroupBuilder MapEnrichApi(this RouteGroupBuilder api)
    {
        var scope = new RequiredScopeMetadata(ApiScopes.Enrich);
        api.MapPost("/enrich", EnrichAsync).WithName("Enrich").WithMetadata(scope);
        api.MapPost("/enrich/batch", EnrichBatchAsync).WithName("EnrichBatch").WithMetadata(scope);
        return api;
    }

    public static async Task<IResult> EnrichAsync(
        HttpContext context, SandboxCorpus corpus, UsageTracker usage, SandboxStats stats, TimeProvider timeProvider)
    {
        var (request, bodyError) = await JsonBody.ReadAsync<EnrichRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var hasId = !string.IsNullOrEmpty(request!.ProfileId);
        var hasUrl = !string.IsNullOrEmpty(request.LinkedinUrl);
        if (hasId == hasUrl)
        {
            return ApiResults.InvalidRequest("Give exactly one of profileId and linkedinUrl.");
        }

        var found = hasId ? corpus.TryFindById(request.ProfileId, out var index) : corpus.TryFindByLinkedinUrl(request.LinkedinUrl, out index);
        if (!found)
        {
            return ApiResults.NotFound(hasId ? $"No profile with id '{request.ProfileId}'." : "No profile with that LinkedIn URL.");
        }

        if (Charge(context, usage, stats, [index]) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(corpus.GetEnriched(index, timeProvider.GetUtcNow()));
    }

    public static async Task<IResult> EnrichBatchAsync(
        HttpContext context, SandboxCorpus corpus, UsageTracker usage, SandboxStats stats, TimeProvider timeProvider)
    {
        var (request, bodyError) = await JsonBody.ReadAsync<EnrichBatchRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (BatchIds.Validate(request!.ProfileIds, "profileIds") is { } invalid)
        {
            return invalid;
        }

        var (found, notFound) = BatchIds.Resolve(request.ProfileIds!, corpus);
        if (found.Count > 0 && Charge(context, usage, stats, found) is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(new EnrichBatchResponse([.. found.Select(index => corpus.GetEnriched(index, now))], notFound));
    }

    private static IResult? Charge(HttpContext context, UsageTracker usage, SandboxStats stats, List<int> indexes)
    {
        var charge = usage.ChargeEnrichments(Caller.Get(context), indexes.Count);
        if (!charge.Allowed)
        {
            return ApiResults.TooManyRequests(context, charge.RefusalCode!, charge.RetryAfter);
        }

        stats.RecordEnrichments(indexes);
        return null;
    }
}

/// <summary>The body of <c>POST /enrich</c>: exactly one of the two.</summary>
internal sealed record EnrichRequest(string? ProfileId, string? LinkedinUrl);

/// <summary>The body of <c>POST /enrich/batch</c>.</summary>
internal sealed record EnrichBatchRequest(IReadOnlyList<string?>? ProfileIds);

/// <summary>The answer of <c>POST /enrich/batch</c>.</summary>
internal sealed record EnrichBatchResponse(IReadOnlyList<EnrichedProfile> Profiles, IReadOnlyList<string> NotFound);

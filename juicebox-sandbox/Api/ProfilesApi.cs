using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Api;

/// <summary><c>GET /profiles/{id}</c> and <c>POST /profiles/batch</c>.</summary>
internal static class ProfilesApi
{
    public const int MaxBatch = 100;

    public static RouteGroupBuilder MapProfilesApi(this RouteGroupBuilder api)
    {
        var scope = new RequiredScopeMetadata(ApiScopes.Profiles);
        api.MapGet("/profiles/{id}", GetProfile).WithName("GetProfile").WithMetadata(scope);
        api.MapPost("/profiles/batch", GetProfilesAsync).WithName("GetProfiles").WithMetadata(scope);
        return api;
    }

    public static IResult GetProfile(string id, SandboxCorpus corpus)
    {
        return corpus.TryFindById(id, out var index)
            ? TypedResults.Ok(corpus.GetProfile(index))
            : ApiResults.NotFound($"No profile with id '{id}'.");
    }

    public static async Task<IResult> GetProfilesAsync(HttpContext context, SandboxCorpus corpus)
    {
        var (request, bodyError) = await JsonBody.ReadAsync<ProfileBatchRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (BatchIds.Validate(request!.Ids, "ids") is { } invalid)
        {
            return invalid;
        }

        var (found, notFound) = BatchIds.Resolve(request.Ids!, corpus);
        return TypedResults.Ok(new ProfileBatchResponse([.. found.Select(corpus.GetProfile)], notFound));
    }
}

/// <summary>The body of <c>POST /profiles/batch</c>.</summary>
internal sealed record ProfileBatchRequest(IReadOnlyList<string?>? Ids);

/// <summary>The answer of <c>POST /profiles/batch</c>.</summary>
internal sealed record ProfileBatchResponse(IReadOnlyList<Profile> Profiles, IReadOnlyList<string> NotFound);

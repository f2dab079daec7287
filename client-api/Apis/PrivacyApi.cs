using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Juicebox.GrainInterfaces.Privacy;

namespace Juicebox.ClientApi.Apis;

/// <summary>Erasure (scope <c>profiles:erase</c>) and the audit log (scope <c>operator</c>).</summary>
public static class PrivacyApi
{
    public const int DefaultAuditPage = 100;
    public const int MaxAuditPage = 1000;

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDelete("api/v1/profiles/{id}", EraseAsync)
            .RequireScope(ApiScopes.ProfilesErase)
            .WithTags(ApiTags.Profiles)
            .WithName("EraseProfile")
            .WithSummary("Erases everything held about a person and suppresses the id, so that the cluster does not collect it again.")
            .WithDescription(
                "Removes the profile grain's state and memory, its row in the profiles table, its enrichment requests (pending ones " +
                "fail with reason 'erased') and its entries in cached search pages; the id goes on the suppression list for " +
                "Privacy:SuppressFor, during which reads answer 410, searches omit it and enrichment rejects it. Idempotent: 204 every time.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("api/v1/operator/audit", GetAuditAsync)
            .RequireScope(ApiScopes.Operator)
            .WithTags(ApiTags.Operator)
            .WithName("GetAuditLog")
            .WithSummary("The audit log: contact reads, erasures, dead-letter retries, refused keys and retention runs, oldest first.")
            .WithDescription(
                $"Keyset paging: pass nextAfter as 'after' for the next page. limit 1..{MaxAuditPage} (default {DefaultAuditPage}). " +
                "Rows name the client, the action, the profile (an erased one only by its pseudonym) or a count, the time and the " +
                "request's correlation id; never contact data or a key.")
            .Produces<AuditPageResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(string id, IGrainFactory grains, HttpContext context)
    {
        if (!ProfileKey.IsValidId(id))
        {
            return ApiProblems.InvalidProfileId(id);
        }

        // Not retried here: every step is idempotent, and a caller told 503 repeats the whole erasure.
        try
        {
            await grains.GetGrain<IProfileErasureGrain>(0).EraseAsync(id, context.User.Identity?.Name ?? AuditActions.UnknownClient);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Unfinished(context, "The erasure did not complete (storage or a silo failed); send it again: every step is safe to repeat.");
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unfinished(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Try again",
            detail: detail,
            type: "https://juicebox.local/problems/try-again");
    }

    public static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> GetAuditAsync(
        string? after, string? limit, GrainReads reads, HttpContext context)
    {
        long? afterId = null;
        if (after is not null)
        {
            if (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid after",
                    detail: "after must be the nextAfter of an earlier page: a whole number of at least 0.",
                    type: "https://juicebox.local/problems/invalid-after");
            }

            afterId = parsed;
        }

        var pageSize = DefaultAuditPage;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
            || pageSize is < 1 or > MaxAuditPage))
        {
            return ApiProblems.InvalidLimit(limit, MaxAuditPage);
        }

        IReadOnlyList<AuditEntry> rows;
        try
        {
            rows = await reads.ReadAsync(grains => grains.GetGrain<IAuditLogGrain>(0).ReadAsync(afterId, pageSize), context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Unfinished(context, "The audit log could not be read; try again shortly.");
        }

        return TypedResults.Ok(new AuditPageResponse(rows, rows.Count == pageSize ? rows[^1].Id : null));
    }
}

/// <summary>A page of the audit log; pass <see cref="NextAfter"/> as <c>after</c> for the next one (null: the last page).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntry> Items, long? NextAfter);

using Juicebox.ClientApi.Auditing;
using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Juicebox.GrainInterfaces.Upstream;
using Microsoft.AspNetCore.Mvc;

namespace Juicebox.ClientApi.Apis;

/// <summary>Endpoints for the people who run the cluster; they need an operator key (<c>Api:OperatorKeys</c>).</summary>
public static class OperatorApi
{
    private const int MaxDeadLetterPage = 1000;

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/v1/operator").WithTags(ApiTags.Operator).RequireScope(ApiScopes.Operator);

        api.MapGet("budget", GetBudgetAsync)
            .WithName("GetUpstreamBudget")
            .WithSummary("The upstream key's budget: plan, limits and where they were learned, use today and this month, and why work waits.")
            .WithDescription("The cluster-wide ledger of the upstream quota that every silo draws from; limits say whether they came from configuration, the upstream's headers or its usage endpoint.");
        api.MapGet("enrichment/queue", GetQueueAsync)
            .WithName("GetEnrichmentQueue")
            .WithSummary("The enrichment queue's depth (ready, in flight, dead letters) and what each worker holds and why it waits.")
            .WithDescription("One entry per enrichment worker; pausedUntil and waitingReason are present only while a worker waits.");
        api.MapGet("enrichment/dead-letters", GetDeadLettersAsync)
            .WithName("GetEnrichmentDeadLetters")
            .WithSummary("Enrichment requests given up on, with their profiles and reasons; page with 'after'.")
            .WithDescription(
                $"Ordered by message id; pass nextAfter back as after for the next page (absent on the last). limit 1..{MaxDeadLetterPage} (default 100). 400: limit out of range.")
            .WithQueryParameter("limit", OpenApiParameters.Integer(1, MaxDeadLetterPage, 100), "Dead letters per page.")
            .WithQueryParameter("after", OpenApiParameters.Integer(0, long.MaxValue, format: "int64"), "The previous page's nextAfter.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("enrichment/dead-letters/retry", RetryDeadLettersAsync)
            .WithName("RetryEnrichmentDeadLetters")
            .WithSummary("Puts dead letters back on the queue: those in 'messageIds', or all of them when it is omitted.")
            .WithDescription("The body is optional: {\"messageIds\": [...]} retries those, no body (or no messageIds) retries every dead letter. The answer counts the requeued ones.");
        return app;
    }

    public static async Task<Ok<UpstreamBudgetSnapshot>> GetBudgetAsync(GrainReads reads, HttpContext context) =>
        TypedResults.Ok(await reads.ReadAsync(grains => grains.GetUpstreamBudgetGrain().GetSnapshotAsync(), context.RequestAborted));

    public static async Task<Ok<EnrichmentQueueStatus>> GetQueueAsync(GrainReads reads, HttpContext context) =>
        TypedResults.Ok(await reads.ReadAsync(grains => Operations(grains).GetQueueAsync(), context.RequestAborted));

    public static async Task<Results<Ok<DeadLettersResponse>, ProblemHttpResult>> GetDeadLettersAsync(
        long? after, int? limit, GrainReads reads, HttpContext context)
    {
        var pageSize = limit ?? 100;
        if (pageSize is < 1 or > MaxDeadLetterPage)
        {
            return ApiProblems.InvalidLimit(pageSize, MaxDeadLetterPage);
        }

        var letters = await reads.ReadAsync(grains => Operations(grains).GetDeadLettersAsync(after, pageSize), context.RequestAborted);
        return TypedResults.Ok(new DeadLettersResponse(letters, letters.Count == pageSize ? letters[^1].MessageId : null));
    }

    public static async Task<Ok<DeadLetterRetryResponse>> RetryDeadLettersAsync(
        [FromBody] DeadLetterRetryRequest? request, IGrainFactory grains, AuditTrail audit, HttpContext context)
    {
        var requeued = await Operations(grains).RetryDeadLettersAsync(request?.MessageIds);
        audit.DeadLettersRetried(context.User, requeued);
        return TypedResults.Ok(new DeadLetterRetryResponse(requeued));
    }

    private static IEnrichmentOperationsGrain Operations(IGrainFactory grains) => grains.GetGrain<IEnrichmentOperationsGrain>(0);
}

/// <summary>A page of dead letters; pass <see cref="NextAfter"/> as <c>after</c> for the next one.</summary>
public sealed record DeadLettersResponse(IReadOnlyList<EnrichmentDeadLetter> Items, long? NextAfter);

/// <summary>The body of a dead-letter retry: the message ids, or nothing for all.</summary>
public sealed record DeadLetterRetryRequest(IReadOnlyList<long>? MessageIds);

public sealed record DeadLetterRetryResponse(int Requeued);

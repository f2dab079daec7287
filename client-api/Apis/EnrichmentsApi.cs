using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// Enrichment: one profile or a bulk job is accepted at once (202) and drained in the background at
/// the pace the upstream plan allows; progress is polled or followed as server-sent events.
/// </summary>
public static class EnrichmentsApi
{
    private const int DefaultFailuresPage = 100;
    private const int MaxFailuresPage = 1000;
    private static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EventHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The last event of a stream this replica ends because it stops: the client reconnects to the same URL.</summary>
    public const string ReconnectEvent = "reconnect";

    /// <summary>The <c>retry:</c> field of the <see cref="ReconnectEvent"/>: how long a client waits before it reconnects.</summary>
    public static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapEnrichmentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var profiles = app.MapGroup("api/v1/profiles").WithTags(ApiTags.Enrichment).RequireScope(ApiScopes.Enrich).WithholdsContact();
        profiles.MapPost("{id}/enrich", EnrichProfileAsync)
            .WithName("EnrichProfile")
            .WithSummary("Queues the enrichment of one profile (contact data); 202 with the status URL in Location.")
            .WithDescription(
                "Accepted at once, drained in the background at the pace the upstream plan allows. The answer names the profile's " +
                "status URL (also in Location) and the job it joined. 400: the id is not a Juicebox profile id. " +
                "429: the client's monthly enrichment allowance (Api:Clients:{name}:EnrichmentsPerMonth) is used up. " +
                "410: the profile was erased and is suppressed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        profiles.MapGet("{id}/enrichment", GetProfileEnrichmentAsync)
            .WithName("GetProfileEnrichment")
            .WithSummary("Where the latest enrichment requested for the profile stands: queued, running, done, skipped or failed.")
            .WithDescription(
                "reason says why a profile was skipped or failed; startedAt and finishedAt are absent until the work starts or ends. " +
                "400: the id is not a Juicebox profile id; 404: no enrichment of this profile was requested (or its job expired).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var jobs = app.MapGroup("api/v1/enrichments").WithTags(ApiTags.Enrichment).RequireScope(ApiScopes.Enrich).WithholdsContact();
        jobs.MapPost("", SubmitJobAsync)
            .WithName("SubmitEnrichmentJob")
            .WithSummary("Queues the enrichment of up to 50,000 profiles; invalid and repeated ids are reported, not fatal.")
            .WithDescription(
                "The body is {\"profileIds\": [...]}. Accepted at once (202, Location: the job's status URL); ids that are not valid " +
                "or repeat are listed in rejected. 400: no ids, more than the job size allows, or a body that is not such an object. " +
                "A client with a monthly enrichment allowance gets only as many ids queued as it leaves; the rest are in rejected with the reason. " +
                "Profiles skipped (already fresh) or failed are refunded. 429: nothing is left this month.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        jobs.MapGet("{jobId:guid}", GetJobAsync)
            .WithName("GetEnrichmentJob")
            .WithSummary("A job's progress: total, done, failed, skipped, pending, and an estimate of the end.")
            .WithDescription(
                "Poll it, or follow the events URL. waitingReason says why pending work waits (the upstream budget, for instance). " +
                "404: no such job, or not one of this client's (only its client and operators read a job; finished jobs are kept for a limited time).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("{jobId:guid}/events", FollowJobAsync)
            .WithName("FollowEnrichmentJob")
            .WithSummary("The job's progress as server-sent events (event 'progress', then 'completed') until it ends.")
            .WithDescription(
                "Each event's data is the job's progress as GetEnrichmentJob returns it; an event is sent when the progress moves and " +
                "at least every 15 s, and the stream ends after 'completed'. When the replica serving the stream stops, the stream ends " +
                "with a 'reconnect' event (the latest progress, and a 'retry:' field in milliseconds): reconnect to the same URL. 404: no such job, or not one of this client's.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("{jobId:guid}/failures", GetFailuresAsync)
            .WithName("GetEnrichmentJobFailures")
            .WithSummary("The job's failed profiles with reasons, by profile id; page with 'after'.")
            .WithDescription(
                $"Ordered by profile id; pass nextAfter back as after for the next page (absent on the last). limit 1..{MaxFailuresPage} " +
                $"(default {DefaultFailuresPage}). 400: limit out of range; 404: no such job, or not one of this client's.")
            .WithQueryParameter("limit", OpenApiParameters.Integer(1, MaxFailuresPage, DefaultFailuresPage), "Failures per page.")
            .WithQueryParameter("after", OpenApiParameters.Text(ProfileKey.MaxIdLength), "The previous page's nextAfter.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Accepted<ProfileEnrichmentAcceptedResponse>, ProblemHttpResult>> EnrichProfileAsync(
        string id, EnrichmentSubmissions submissions, HttpContext context)
    {
        if (!ProfileKey.IsValidId(id))
        {
            return ApiProblems.InvalidProfileId(id);
        }

        EnrichmentJobAccepted? job;
        DateTimeOffset? exhausted;
        try
        {
            (job, exhausted) = await submissions.SubmitAsync([id], context);
        }
        catch (ArgumentException)
        {
            // The id is valid, so the job refused it because it was erased and is suppressed.
            return ApiProblems.ProfileErased(id);
        }

        if (job is null)
        {
            return EnrichmentSubmissions.AllowanceExhausted(exhausted!.Value, context);
        }

        var statusUrl = $"/api/v1/profiles/{Uri.EscapeDataString(id)}/enrichment";
        return TypedResults.Accepted(statusUrl, new ProfileEnrichmentAcceptedResponse(
            job.JobId, id, EnrichmentItemStatus.Queued, statusUrl, JobUrl(job.JobId)));
    }

    public static async Task<Results<Ok<ProfileEnrichmentStatusResponse>, ProblemHttpResult>> GetProfileEnrichmentAsync(
        string id, GrainReads reads, HttpContext context)
    {
        if (!ProfileKey.IsValidId(id))
        {
            return ApiProblems.InvalidProfileId(id);
        }

        var item = await reads.ReadAsync(grains => Coordinator(grains).GetProfileStatusAsync(id), context.RequestAborted);
        return item is null ? ApiProblems.NoEnrichmentRequested(id) : TypedResults.Ok(ProfileEnrichmentStatusResponse.From(item));
    }

    public static async Task<Results<Accepted<EnrichmentJobAcceptedResponse>, ProblemHttpResult>> SubmitJobAsync(
        [FromBody] EnrichmentJobRequest? request, EnrichmentSubmissions submissions, HttpContext context)
    {
        if (request?.ProfileIds is not { Count: > 0 } ids)
        {
            return ApiProblems.InvalidJob("The body must be {\"profileIds\": [...]} with at least one profile id.");
        }

        EnrichmentJobAccepted? job;
        DateTimeOffset? exhausted;
        try
        {
            (job, exhausted) = await submissions.SubmitAsync([.. ids.Select(id => id ?? string.Empty)], context);
        }
        catch (ArgumentException invalid)
        {
            return ApiProblems.InvalidJob(invalid.Message.Split(" (Parameter", 2)[0]);
        }

        if (job is null)
        {
            return EnrichmentSubmissions.AllowanceExhausted(exhausted!.Value, context);
        }

        var statusUrl = JobUrl(job.JobId);
        return TypedResults.Accepted(statusUrl, new EnrichmentJobAcceptedResponse(
            job.JobId, job.Accepted, job.Rejected, job.CreatedAt, statusUrl, statusUrl + "/events"));
    }

    public static async Task<Results<Ok<EnrichmentJobProgress>, ProblemHttpResult>> GetJobAsync(
        Guid jobId, GrainReads reads, HttpContext context)
    {
        var progress = await ReadVisibleJobAsync(jobId, reads, context);
        return progress is null ? ApiProblems.JobNotFound(jobId) : TypedResults.Ok(progress);
    }

    public static async Task<Results<ServerSentEventsResult<EnrichmentJobProgress>, ProblemHttpResult>> FollowJobAsync(
        Guid jobId, GrainReads reads, IHostApplicationLifetime lifetime, HttpContext context)
    {
        var first = await ReadVisibleJobAsync(jobId, reads, context);
        return first is null
            ? ApiProblems.JobNotFound(jobId)
            : TypedResults.ServerSentEvents(ProgressEventsAsync(first, reads, lifetime.ApplicationStopping, context.RequestAborted));
    }

    public static async Task<Results<Ok<EnrichmentFailuresResponse>, ProblemHttpResult>> GetFailuresAsync(
        Guid jobId, string? after, int? limit, GrainReads reads, HttpContext context)
    {
        var pageSize = limit ?? DefaultFailuresPage;
        if (pageSize is < 1 or > MaxFailuresPage)
        {
            return ApiProblems.InvalidLimit(pageSize, MaxFailuresPage);
        }

        if (await ReadVisibleJobAsync(jobId, reads, context) is null)
        {
            return ApiProblems.JobNotFound(jobId);
        }

        var items = await reads.ReadAsync(grains => Coordinator(grains).GetFailuresAsync(jobId, after, pageSize), context.RequestAborted);
        var page = items.Select(item => new EnrichmentFailure(item.ProfileId, item.Reason, item.FinishedAt)).ToList();
        return TypedResults.Ok(new EnrichmentFailuresResponse(jobId, page, page.Count == pageSize ? page[^1].ProfileId : null));
    }

    /// <summary>
    /// Sends the progress whenever it changes (and at least every <see cref="EventHeartbeat"/>, so
    /// proxies keep the connection), then a final <c>completed</c> event; or, when the host stops
    /// first, a final <see cref="ReconnectEvent"/>.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<EnrichmentJobProgress>> ProgressEventsAsync(
        EnrichmentJobProgress first, GrainReads reads, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var endOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        var current = first;
        EnrichmentJobProgress? sent = null;
        var sentAt = DateTimeOffset.MinValue;
        var sequence = 0;
        while (true)
        {
            if (sent is null || HasMoved(sent, current) || DateTimeOffset.UtcNow - sentAt >= EventHeartbeat)
            {
                yield return new SseItem<EnrichmentJobProgress>(current, current.IsFinished ? "completed" : "progress")
                {
                    EventId = (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                sent = current;
                sentAt = DateTimeOffset.UtcNow;
            }

            if (current.IsFinished)
            {
                yield break;
            }

            if (!await DelayAsync(EventInterval, endOrStop.Token))
            {
                if (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    yield return new SseItem<EnrichmentJobProgress>(current, ReconnectEvent)
                    {
                        EventId = (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ReconnectionInterval = ReconnectAfter,
                    };
                }

                yield break;
            }

            var jobId = current.JobId;
            current = await reads.ReadAsync(grains => Coordinator(grains).GetProgressAsync(jobId), cancellationToken) ?? current;
        }
    }

    private static bool HasMoved(EnrichmentJobProgress before, EnrichmentJobProgress after) =>
        before.Done != after.Done || before.Failed != after.Failed || before.Skipped != after.Skipped
        || before.Pending != after.Pending || before.Running != after.Running
        || before.FinishedAt != after.FinishedAt || before.WaitingReason != after.WaitingReason;

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The job's progress, or null when there is no such job or the caller may not read it (<see cref="JobVisibility"/>).</summary>
    internal static async Task<EnrichmentJobProgress?> ReadVisibleJobAsync(Guid jobId, GrainReads reads, HttpContext context)
    {
        var progress = await reads.ReadAsync(grains => Coordinator(grains).GetProgressAsync(jobId), context.RequestAborted);
        return progress is not null && JobVisibility.MayRead(context.User, progress) ? progress : null;
    }

    private static IEnrichmentCoordinatorGrain Coordinator(IGrainFactory grains) => grains.GetGrain<IEnrichmentCoordinatorGrain>(0);

    private static string JobUrl(Guid jobId) => $"/api/v1/enrichments/{jobId}";
}

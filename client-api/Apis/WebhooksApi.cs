using System.Buffers;
using Juicebox.ClientApi.OpenApi;
using Juicebox.ClientApi.Webhooks;
using Juicebox.GrainInterfaces.Privacy;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// <c>POST /webhooks/juicebox</c>: events Juicebox sends. Authenticated by the body's signature
/// (<see cref="WebhookSignature"/>), not by an API key.
/// </summary>
public static partial class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("webhooks/juicebox", ReceiveAsync)
            .AllowAnonymous()
            .WithTags(ApiTags.Webhooks)
            .WithName("ReceiveJuiceboxWebhook")
            .WithSummary("Takes an event from Juicebox (profile.enriched, quota.warning, key.rotated, ...), signed with Juicebox:WebhookSecret.")
            .WithDescription(
                "X-Juicebox-Signature: sha256=<hex HMAC-SHA256 of the raw body>. Each event id is handled once; a repeat answers 200 " +
                "with outcome 'duplicate'. profile.enriched marks the profile for refresh, quota.warning feeds the upstream budget, " +
                "key.rotated is logged and shown in GET /api/v1/operator/budget. 404 while no secret is configured.")
            .Accepts<object>("application/json")
            .Produces<WebhookReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpContext context,
        IOptions<JuiceboxWebhookOptions> options,
        IGrainFactory grains,
        ILoggerFactory loggers)
    {
        if (options.Value.WebhookSecret is not { Length: > 0 } secret)
        {
            return Problem(StatusCodes.Status404NotFound, "Webhooks are off", "No Juicebox:WebhookSecret is configured, so no event could be verified.", "webhooks-off");
        }

        if (context.Request.ContentLength > JuiceboxWebhookOptions.MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadAtMostAsync(context.Request.Body, JuiceboxWebhookOptions.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return TooLarge();
        }

        var logger = loggers.CreateLogger(typeof(WebhooksApi));
        if (!WebhookSignature.IsValid(context.Request.Headers[WebhookSignature.HeaderName].FirstOrDefault(), body, secret))
        {
            LogBadSignature(logger);
            return Problem(StatusCodes.Status401Unauthorized, "Bad signature",
                $"{WebhookSignature.HeaderName} must be sha256=<hex HMAC-SHA256 of the body with the shared secret>.", "webhook-signature");
        }

        var (webhookEvent, problem) = WebhookEventReader.Read(body);
        if (webhookEvent is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid webhook event", problem!, "invalid-webhook-event");
        }

        WebhookOutcome outcome;
        try
        {
            outcome = await grains.GetGrain<IJuiceboxWebhookGrain>(0).HandleAsync(webhookEvent);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Juicebox retries an event that was not acknowledged; the id was forgotten, so it is handled then.
            LogHandlingFailed(logger, exception, webhookEvent.Type);
            context.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Event not handled", "The cluster could not handle the event now; send it again.", "webhook-not-handled");
        }

        return TypedResults.Ok(new WebhookReceipt(webhookEvent.Id, outcome == WebhookOutcome.Duplicate ? "duplicate" : "handled"));
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (at most limit + 1 are read).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= limit && (read = await body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            return length > limit ? null : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge() => Problem(
        StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body is at most {JuiceboxWebhookOptions.MaxBodyBytes} bytes.", "webhook-too-large");

    private static ProblemHttpResult Problem(int status, string title, string detail, string type) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: "https://juicebox.local/problems/" + type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook call to /webhooks/juicebox was refused: missing or bad signature")]
    private static partial void LogBadSignature(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook event of type {Type} could not be handled; Juicebox will send it again")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string type);
}

/// <summary>The answer to a webhook call: the event id and whether it was <c>handled</c> now or a <c>duplicate</c>.</summary>
public sealed record WebhookReceipt(string Id, string Outcome);

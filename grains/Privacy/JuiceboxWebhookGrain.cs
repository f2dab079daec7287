using Juicebox.GrainInterfaces.Privacy;
using Juicebox.GrainInterfaces.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// Acts on Juicebox's webhook events, each id once: the id is recorded first (so concurrent
/// deliveries of one event act once), and forgotten again when acting fails, so that Juicebox's
/// retry is handled.
/// </summary>
[StatelessWorker]
public sealed partial class JuiceboxWebhookGrain(
    IWebhookEventLog events,
    ProfileSuppression suppression,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    ILogger<JuiceboxWebhookGrain> logger) : Grain, IJuiceboxWebhookGrain
{
    public async Task<WebhookOutcome> HandleAsync(JuiceboxWebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (!await events.TryRecordAsync(webhookEvent.Id, webhookEvent.Type, clock.GetUtcNow()))
        {
            LogDuplicate(webhookEvent.Type);
            return WebhookOutcome.Duplicate;
        }

        try
        {
            await ActAsync(webhookEvent);
        }
        catch
        {
            await events.ForgetAsync(webhookEvent.Id);
            throw;
        }

        return WebhookOutcome.Handled;
    }

    private async Task ActAsync(JuiceboxWebhookEvent webhookEvent)
    {
        var budget = GrainFactory.GetGrain<IUpstreamBudgetGrain>(UpstreamBudgetKeys.Cluster);
        switch (webhookEvent.Type)
        {
            case JuiceboxWebhookEvent.ProfileEnriched when ProfileKey.IsValidId(webhookEvent.ProfileId):
                // A suppressed id is not touched: its grain would only look the suppression up.
                if (!await suppression.IsSuppressedAsync(webhookEvent.ProfileId))
                {
                    var held = await GrainFactory.GetProfileGrain(webhookEvent.ProfileId).MarkForRefreshAsync();
                    LogProfileChanged(webhookEvent.ProfileId, held);
                }

                break;
            case JuiceboxWebhookEvent.QuotaWarning when webhookEvent.Usage is { } usage && webhookEvent.Limit is { } limit:
                await budget.ObserveQuotaWarningAsync(usage, limit);
                break;
            case JuiceboxWebhookEvent.KeyRotated:
                await budget.ObserveKeyRotatedAsync(webhookEvent.Timestamp ?? clock.GetUtcNow());
                break;
            default:
                LogIgnored(webhookEvent.Type);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook event of type {Type} was handled before; ignored")]
    private partial void LogDuplicate(string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook: profile {ProfileId} changed upstream; marked for refresh: {Held}")]
    private partial void LogProfileChanged(string profileId, bool held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event of type {Type} needs nothing from the cluster")]
    private partial void LogIgnored(string type);
}

namespace Juicebox.GrainInterfaces.Privacy;

/// <summary>Handles the webhook events Juicebox sends, each event id once.</summary>
[Alias("Juicebox.IJuiceboxWebhookGrain")]
public interface IJuiceboxWebhookGrain : IGrainWithIntegerKey
{
    /// <summary>Acts on the event unless its id was handled before; says which.</summary>
    [Alias("HandleAsync")]
    Task<WebhookOutcome> HandleAsync(JuiceboxWebhookEvent webhookEvent);
}

/// <summary>A verified webhook event: <c>{"id", "type", "timestamp", "data"}</c>, with the fields the cluster acts on.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.JuiceboxWebhookEvent")]
public sealed record class JuiceboxWebhookEvent
{
    public const string ProfileEnriched = "profile.enriched";
    public const string QuotaWarning = "quota.warning";
    public const string KeyRotated = "key.rotated";

    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Type { get; init; }

    [Id(2)] public DateTimeOffset? Timestamp { get; init; }

    /// <summary><c>data.profileId</c> of <c>profile.enriched</c>.</summary>
    [Id(3)] public string? ProfileId { get; init; }

    /// <summary><c>data.usage</c> of <c>quota.warning</c>.</summary>
    [Id(4)] public long? Usage { get; init; }

    /// <summary><c>data.limit</c> of <c>quota.warning</c>.</summary>
    [Id(5)] public long? Limit { get; init; }
}

/// <summary>What became of a webhook event.</summary>
[GenerateSerializer, Alias("Juicebox.WebhookOutcome")]
public enum WebhookOutcome
{
    /// <summary>Acted on (or, for types the cluster does not use, recorded).</summary>
    Handled = 0,

    /// <summary>Its id was handled before: nothing was done.</summary>
    Duplicate = 1,
}

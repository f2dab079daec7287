namespace Juicebox.ClientApi.Webhooks;

/// <summary>The webhook Juicebox calls (<c>POST /webhooks/juicebox</c>); bound from the <c>Juicebox</c> section.</summary>
public sealed class JuiceboxWebhookOptions
{
    public const string SectionName = "Juicebox";

    /// <summary>The largest body the route reads.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public const int MinimumSecretLength = 16;

    /// <summary>
    /// The secret shared with Juicebox that signs every event (<c>X-Juicebox-Signature</c>). Unset, the
    /// route answers 404: no event is taken that nobody can verify.
    /// </summary>
    public string? WebhookSecret { get; set; }
}

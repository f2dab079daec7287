namespace Juicebox.Sandbox.Webhooks;

/// <summary>Where the sandbox sends webhook events (<c>POST /_sandbox/webhooks</c>), and the secret it signs them with.</summary>
public sealed class SandboxWebhookOptions
{
    /// <summary>The receiver, e.g. <c>http://127.0.0.1:5000/webhooks/juicebox</c> (<c>Sandbox__Webhooks__Url</c>).</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret of <c>X-Juicebox-Signature</c> (<c>Sandbox__Webhooks__Secret</c>).</summary>
    public string? Secret { get; set; }

    public SandboxWebhookOptions Clone() => new() { Url = Url, Secret = Secret };
}

using System.Text.Json;

namespace Juicebox.Sandbox.Webhooks;

/// <summary>
/// The body of <c>POST /_sandbox/webhooks</c>: the event to send (<see cref="Id"/> defaults to a new
/// one; send the same id twice to replay an event) and how to sign it: <c>valid</c> (the default),
/// <c>forged</c> (a signature made with another secret) or <c>none</c> (no header).
/// </summary>
public sealed class SandboxWebhookRequest
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public JsonElement? Data { get; set; }

    public string? Signature { get; set; }
}

/// <summary>What the receiver answered: the event id sent, its status code and (up to 2 KB of) its body.</summary>
public sealed record SandboxWebhookDelivery(string Id, int Status, string Body);

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Webhooks;

/// <summary>Sends signed webhook events as Juicebox does: <c>{"id","type","timestamp","data"}</c> with <c>X-Juicebox-Signature: sha256=&lt;hex&gt;</c>.</summary>
internal sealed class WebhookSender(IOptions<SandboxOptions> options, TimeProvider clock)
{
    private const int MaxBodyEcho = 2048;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<SandboxWebhookDelivery> SendAsync(SandboxWebhookRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value.Webhooks;
        var id = string.IsNullOrEmpty(request.Id) ? "evt_" + Guid.NewGuid().ToString("N") : request.Id;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            type = request.Type,
            timestamp = clock.GetUtcNow(),
            data = request.Data,
        }, JsonSerializerOptions.Web);

        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var signature = request.Signature ?? "valid";
        if (signature != "none")
        {
            var secret = signature == "forged" ? "not-the-shared-secret-" + settings.Secret : settings.Secret!;
            message.Headers.TryAddWithoutValidation(
                "X-Juicebox-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        using var response = await Http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new SandboxWebhookDelivery(id, (int)response.StatusCode, text.Length > MaxBodyEcho ? text[..MaxBodyEcho] : text);
    }
}

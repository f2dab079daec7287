using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Juicebox.Sandbox.Tests.Support;
using Juicebox.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Juicebox.Sandbox.Tests.Api;

/// <summary><c>POST /_sandbox/webhooks</c>: events sent as Juicebox sends them, to a receiver on loopback that records what arrived.</summary>
public sealed class WebhooksTests
{
    private const string Secret = "sandbox-webhook-secret";

    [Fact]
    public async Task AnEvent_ArrivesSigned_WithItsIdTypeTimestampAndData_AndTheReceiversAnswerIsReported()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var server = await Sandboxes.StartAsync(Options(receiver.Url));
        using var client = new SandboxClient(server, apiKey: null);

        var sent = await client.PostAsync("_sandbox/webhooks", new { id = "evt_1", type = "quota.warning", data = new { usage = 9, limit = 10 } });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(("evt_1", 202, "got it"), (sent.Body.GetProperty("id").GetString(), sent.Body.GetProperty("status").GetInt32(), sent.Body.GetProperty("body").GetString()));
        var delivery = Assert.Single(receiver.Deliveries);
        Assert.Equal(Sign(delivery.Body, Secret), delivery.Signature);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(("evt_1", "quota.warning", 9), (body.GetProperty("id").GetString(), body.GetProperty("type").GetString(), body.GetProperty("data").GetProperty("usage").GetInt32()));
        Assert.True(body.GetProperty("timestamp").TryGetDateTimeOffset(out _));
    }

    [Fact]
    public async Task ForgedAndUnsignedEvents_CarryAWrongSignatureOrNone_AndANewIdEachTimeUnlessGiven()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var server = await Sandboxes.StartAsync(Options(receiver.Url));
        using var client = new SandboxClient(server, apiKey: null);

        var forged = await client.PostAsync("_sandbox/webhooks", new { type = "key.rotated", signature = "forged" });
        var unsigned = await client.PostAsync("_sandbox/webhooks", new { type = "key.rotated", signature = "none" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (forged.Status, unsigned.Status));
        Assert.NotEqual(forged.Body.GetProperty("id").GetString(), unsigned.Body.GetProperty("id").GetString());
        var deliveries = receiver.Deliveries.ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.StartsWith("sha256=", deliveries[0].Signature, StringComparison.Ordinal);
        Assert.NotEqual(Sign(deliveries[0].Body, Secret), deliveries[0].Signature);
        Assert.Null(deliveries[1].Signature);
    }

    [Fact]
    public async Task WithoutAUrl_OrWithoutAType_TheCallIsAnInvalidRequest()
    {
        await using var unconfigured = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 10 });
        await using var receiver = await Receiver.StartAsync();
        await using var configured = await Sandboxes.StartAsync(Options(receiver.Url));
        using var first = new SandboxClient(unconfigured, apiKey: null);
        using var second = new SandboxClient(configured, apiKey: null);

        var noUrl = await first.PostAsync("_sandbox/webhooks", new { type = "key.rotated" });
        var noType = await second.PostAsync("_sandbox/webhooks", new { data = new { } });
        var badSignature = await second.PostAsync("_sandbox/webhooks", new { type = "key.rotated", signature = "maybe" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (noUrl.Status, noType.Status, badSignature.Status));
        Assert.Empty(receiver.Deliveries);
    }

    private static SandboxOptions Options(string url) =>
        new() { ProfileCount = 10, Webhooks = new SandboxWebhookOptions { Url = url, Secret = Secret } };

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private sealed record Delivery(string Body, string? Signature);

    /// <summary>A receiver on a free loopback port that answers 202 "got it" and keeps what it was sent.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Delivery> _deliveries;

        private Receiver(WebApplication app, ConcurrentQueue<Delivery> deliveries, string url)
        {
            _app = app;
            _deliveries = deliveries;
            Url = url;
        }

        public string Url { get; }

        public IReadOnlyCollection<Delivery> Deliveries => _deliveries;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var deliveries = new ConcurrentQueue<Delivery>();
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                var signature = context.Request.Headers["X-Juicebox-Signature"].FirstOrDefault();
                deliveries.Enqueue(new Delivery(body, signature));
                return Results.Text("got it", statusCode: StatusCodes.Status202Accepted);
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new Receiver(app, deliveries, app.Urls.First().TrimEnd('/') + "/hook");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Juicebox.Api.Tests.Privacy;

/// <summary>
/// <c>POST /webhooks/juicebox</c> end to end in Embedded mode: client-api on a real loopback port, and
/// the embedded sandbox sending signed (and replayed, forged and unsigned) events to it over HTTP
/// through <c>POST /_sandbox/webhooks</c>, as Juicebox would.
/// </summary>
public sealed class WebhookApiTests(WebhookApiTests.WebhookApiFactory factory) : IClassFixture<WebhookApiTests.WebhookApiFactory>
{
    private const string Secret = "webhook-tests-secret-0001";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProfileEnriched_MarksAHeldProfileForRefresh_AndAReplayOfTheSameEventDoesNothing()
    {
        var id = factory.NextProfileId();
        using var api = factory.CreateLoopbackClient();
        using (var read = await api.GetAsync($"/api/v1/profiles/{id}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var first = await factory.SendAsync(new { id = eventId, type = "profile.enriched", data = new { profileId = id, fields = new[] { "contact" } } });
        using var stale = await api.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        var replay = await factory.SendAsync(new { id = eventId, type = "profile.enriched", data = new { profileId = id, fields = new[] { "contact" } } });

        Assert.Equal((200, "handled"), first);
        Assert.Equal("stale", stale.Headers.GetValues("X-Cache").Single());
        Assert.Equal((200, "duplicate"), replay);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("none")]
    public async Task AnEventWithABadOrMissingSignature_IsUnauthorized_AndNotRemembered(string signature)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        var refused = await factory.SendAsync(new { id = eventId, type = "key.rotated", signature });
        var genuine = await factory.SendAsync(new { id = eventId, type = "key.rotated" });

        Assert.Equal(401, refused.Status);
        Assert.Equal((200, "handled"), genuine);
    }

    [Fact]
    public async Task QuotaWarningAndKeyRotated_ShowInTheOperatorsBudgetView()
    {
        using var api = factory.CreateLoopbackClient(EmbeddedApiFactory.OperatorKey);

        var warning = await factory.SendAsync(new { type = "quota.warning", data = new { usage = 1234, limit = 10_000 } });
        var rotated = await factory.SendAsync(new { type = "key.rotated", data = new { } });
        var budget = await api.GetFromJsonAsync<JsonElement>("/api/v1/operator/budget", Cancellation);

        Assert.Equal((200, "handled"), warning);
        Assert.Equal((200, "handled"), rotated);
        var shown = budget.GetProperty("lastQuotaWarning");
        Assert.Equal(1234, shown.GetProperty("usage").GetInt64());
        Assert.Equal(10_000, shown.GetProperty("limit").GetInt64());
        Assert.True(budget.GetProperty("enrichmentsUsed").GetInt32() >= 1234, "the warning's usage should count as spent");
        Assert.Equal(JsonValueKind.String, budget.GetProperty("keyRotatedAt").ValueKind);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsTooLarge()
    {
        using var api = factory.CreateLoopbackClient();
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_big\",\"type\":\"x\",\"data\":\"" + new string('a', 300 * 1024) + "\"}");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("X-Juicebox-Signature", Sign(body));

        using var response = await api.PostAsync("/webhooks/juicebox", content, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ASignedBodyThatIsNoEvent_IsABadRequestProblem()
    {
        using var api = factory.CreateLoopbackClient();
        var body = Encoding.UTF8.GetBytes("{\"type\":\"profile.enriched\",\"data\":{}}");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("X-Juicebox-Signature", Sign(body));

        using var response = await api.PostAsync("/webhooks/juicebox", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    /// <summary>client-api on Kestrel (a port the sandbox can reach), with the webhook secret and the sandbox aimed at it.</summary>
    public sealed class WebhookApiFactory : EmbeddedApiFactory
    {
        private readonly int _port = FreePort.Next();

        public WebhookApiFactory()
        {
            WithSetting("Juicebox:WebhookSecret", Secret);
            WithSetting("Sandbox:Webhooks:Url", $"http://127.0.0.1:{_port}/webhooks/juicebox");
            WithSetting("Sandbox:Webhooks:Secret", Secret);
            UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        }

        public HttpClient CreateLoopbackClient(string key = ApiKey)
        {
            StartServer();
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        /// <summary>Asks the sandbox to send an event; returns the status client-api answered and its outcome.</summary>
        public async Task<(int Status, string? Outcome)> SendAsync(object request)
        {
            StartServer();
            using var sandbox = new HttpClient { BaseAddress = Sandbox.RootAddress };
            using var response = await sandbox.PostAsJsonAsync("_sandbox/webhooks", request, Cancellation);
            Assert.True(response.IsSuccessStatusCode, $"the sandbox could not send the event: {await response.Content.ReadAsStringAsync(Cancellation)}");
            var delivery = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            var status = delivery.GetProperty("status").GetInt32();
            string? outcome = null;
            if (status == 200)
            {
                outcome = JsonDocument.Parse(delivery.GetProperty("body").GetString()!).RootElement.GetProperty("outcome").GetString();
            }

            return (status, outcome);
        }
    }
}

using Juicebox.Client.Configuration;
using Juicebox.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Juicebox.Client.Tests;

/// <summary>The API key never shows up in logs, exception messages or the options' text.</summary>
public sealed class SecretHygieneTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_IsAbsentFromEveryLogRecord_AtTraceLevel_OnSuccessfulAndFailingCalls()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, settings =>
        {
            // Short, so that the hanging calls end soon; long enough for the successful calls' first run
            // through the sandbox's endpoints on a loaded machine (0.3 s timed out an enrichment twice in CI).
            settings["Juicebox:Resilience:AttemptTimeout"] = "00:00:01";
            settings["Juicebox:Resilience:MaxRetries"] = "1";
        }, apiKey: SandboxHarness.SecretKey);
        var exceptions = new List<Exception>();

        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await harness.Client.GetAccountAsync(Cancellation);
        await harness.Client.GetProfileAsync(id, Cancellation);
        await harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation);
        exceptions.Add(await Assert.ThrowsAnyAsync<JuiceboxException>(() => harness.Client.GetProfileAsync("missing", Cancellation)));
        exceptions.Add(await Assert.ThrowsAnyAsync<JuiceboxException>(
            () => harness.Client.SearchAsync(new SearchRequest { Query = "title:(" }, Cancellation)));
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { ErrorRate = 1.0 });
        exceptions.Add(await Assert.ThrowsAnyAsync<JuiceboxException>(() => harness.Client.GetUsageAsync(Cancellation)));
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { HangRate = 1.0 });
        exceptions.Add(await Assert.ThrowsAnyAsync<JuiceboxException>(() => harness.Client.GetUsageAsync(Cancellation)));

        var records = harness.Logs.GetSnapshot();

        // The capture worked: every layer logged, down to each attempt at Trace level.
        Assert.Contains(records, record => record.Category == "Juicebox.Client.Http.JuiceboxHttpLogger" && record.Level == LogLevel.Trace);
        Assert.Contains(records, record => record.Category?.StartsWith("Polly", StringComparison.Ordinal) == true);
        Assert.Contains(records, record => record.Category == typeof(JuiceboxClient).FullName);
        Assert.All(records, record => Assert.DoesNotContain(SandboxHarness.SecretKey, Render(record), StringComparison.Ordinal));
        Assert.All(exceptions, exception => Assert.DoesNotContain(SandboxHarness.SecretKey, exception.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpClientFactoryDefaultLoggers_AreReplaced_BecauseTheirStateCarriesHeaderValues()
    {
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/auth/me", () => Stub.Error(401, JuiceboxErrorCodes.AuthenticationFailed, "no")));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await Assert.ThrowsAsync<JuiceboxAuthenticationException>(() => harness.Client.GetAccountAsync(Cancellation));

        var records = harness.Logs.GetSnapshot();
        Assert.DoesNotContain(records, record => record.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true);
        Assert.Contains(records, record => record.Message.Contains("/v1/auth/me answered 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyEchoedByTheUpstream_IsRedactedFromTheExceptionMessage()
    {
        await using var server = await StubServer.StartAsync(app =>
        {
            app.MapGet("/v1/auth/me", (HttpContext context) => Stub.Error(
                401, JuiceboxErrorCodes.AuthenticationFailed, $"Unknown key {context.Request.Headers.Authorization}", new { key = ClientHarness.ApiKey }));
            app.MapGet("/v1/usage", (HttpContext context) => Stub.Raw(502, $"<pre>{context.Request.Headers.Authorization}</pre>"));
        });
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var envelope = await Assert.ThrowsAsync<JuiceboxAuthenticationException>(() => harness.Client.GetAccountAsync(Cancellation));
        var raw = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetUsageAsync(Cancellation));

        Assert.Equal($"Bearer {ClientHarness.ApiKey}", server.Requests[0].Authorization);
        Assert.Equal("Unknown key Bearer [redacted]", envelope.UpstreamMessage);
        Assert.DoesNotContain(ClientHarness.ApiKey, envelope.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, envelope.Details!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, raw.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", raw.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_IsNotSentToAHostOtherThanTheConfiguredApi()
    {
        await using var other = await StubServer.StartAsync(app => app.MapGet("/elsewhere", () => Stub.Json(new { ok = true })));
        await using var harness = ClientHarness.Create(new Uri("http://127.0.0.1:9/v1/"), settings => settings["Juicebox:Resilience:MaxRetries"] = "0");
        var httpClient = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IJuiceboxClient));

        using var response = await httpClient.GetAsync(new Uri(other.BaseAddress, "/elsewhere"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(other.Requests.Single().Authorization);
    }

    [Fact]
    public async Task OptionsToString_LeavesTheKeyOut()
    {
        await using var harness = ClientHarness.Create(new Uri("http://127.0.0.1:9/v1/"));
        var options = harness.Services.GetRequiredService<IOptions<JuiceboxOptions>>().Value;

        var text = options.ToString();

        Assert.Equal(ClientHarness.ApiKey, options.ApiKey);
        Assert.DoesNotContain(ClientHarness.ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set, redacted)", text, StringComparison.Ordinal);
        Assert.Contains("BaseUrl = http://127.0.0.1:9/v1/", text, StringComparison.Ordinal);
        Assert.Contains("MaxRetries = 3", text, StringComparison.Ordinal);
    }

    private static string Render(FakeLogRecord record) =>
        string.Join(
            "\n",
            [
                record.Message,
                record.Exception?.ToString() ?? string.Empty,
                .. (record.StructuredState ?? []).Select(pair => $"{pair.Key}={pair.Value}"),
                .. record.Scopes.Select(scope => scope?.ToString() ?? string.Empty),
            ]);
}

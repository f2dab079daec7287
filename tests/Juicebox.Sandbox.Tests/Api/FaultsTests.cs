using System.Diagnostics;
using System.Net;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class FaultsTests
{
    [Fact]
    public async Task FailAll_MakesEveryCallA503_UntilSwitchedOff()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100 });
        using var client = new SandboxClient(server, "sb_pro");
        using var admin = new SandboxClient(server, apiKey: null);

        var put = await admin.PutAsync("_sandbox/faults", new { failAll = true, retryAfterSeconds = 7 });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.True((await admin.GetAsync("_sandbox/faults")).Body.GetProperty("failAll").GetBoolean());

        foreach (var call in new[] { await client.GetAsync("v1/health"), await client.SearchAsync("engineer"), await client.GetAsync("v1/auth/me") })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, call.Status);
            Assert.Equal("SERVICE_UNAVAILABLE", call.ErrorCode);
            Assert.Equal(7, call.RetryAfterSeconds);
        }

        await admin.PutAsync("_sandbox/faults", new { });
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync("engineer")).Status);
    }

    [Fact]
    public async Task ErrorRateOne_MakesEveryCallA500_AndChargesNoEnrichment()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100, Faults = new SandboxFaultOptions { ErrorRate = 1.0 } });
        using var client = new SandboxClient(server, "sb_pro");
        using var admin = new SandboxClient(server, apiKey: null);
        var id = server.Services.GetRequiredService<Juicebox.Sandbox.Corpus.SandboxCorpus>().Ids.ToId(3);

        for (var i = 0; i < 5; i++)
        {
            var call = await client.PostAsync("v1/enrich", new { profileId = id });
            Assert.Equal(HttpStatusCode.InternalServerError, call.Status);
            Assert.Equal("INTERNAL_ERROR", call.ErrorCode);
            Assert.Null(call.Header("retry-after"));
        }

        var stats = (await admin.GetAsync("_sandbox/stats")).Body;
        Assert.Equal(0, stats.GetProperty("enrichments").GetProperty("charged").GetInt32());
        Assert.Equal(5, stats.GetProperty("statuses").GetProperty("500").GetInt32());
        Assert.Equal(5, stats.GetProperty("calls").GetProperty("POST /enrich").GetInt32());
        server.Services.GetRequiredService<FaultState>().Set(new SandboxFaultOptions());
        Assert.Equal(0, (await client.GetAsync("v1/usage")).Body.GetProperty("enrichments").GetInt32());
    }

    [Fact]
    public async Task Latency_DelaysEveryAnswer()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100 });
        using var client = new SandboxClient(server, "sb_pro");
        await client.GetAsync("v1/health");
        server.Services.GetRequiredService<FaultState>().Set(new SandboxFaultOptions { LatencyMs = 300, JitterMs = 50 });

        var stopwatch = Stopwatch.StartNew();
        var call = await client.GetAsync("v1/auth/me");
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 290, 5_000);
    }

    [Fact]
    public async Task HangRateOne_NeverAnswers_UntilTheClientGivesUp()
    {
        var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100, Faults = new SandboxFaultOptions { HangRate = 1.0 } });
        using var client = new SandboxClient(server, "sb_pro", timeout: TimeSpan.FromMilliseconds(300));
        using var admin = new SandboxClient(server, apiKey: null);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("v1/auth/me"));
        var stats = (await admin.GetAsync("_sandbox/stats")).Body;
        Assert.Equal(1, stats.GetProperty("calls").GetProperty("GET /auth/me").GetInt32());

        // A request still hanging must not hold up shutdown.
        using var hanging = new SandboxClient(server, "sb_pro", timeout: TimeSpan.FromSeconds(30));
        var pending = hanging.GetAsync("v1/auth/me");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var stopwatch = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task PartialRates_AreSeededAndRepeatable()
    {
        var outcomes = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var server = await Sandboxes.StartAsync(new SandboxOptions
            {
                Seed = 99,
                ProfileCount = 100,
                Keys = [new Juicebox.Sandbox.Accounts.SandboxKeyOptions { Key = "k", Plan = "enterprise", RequestsPerMinute = 10_000 }],
                Faults = new SandboxFaultOptions { ErrorRate = 0.3, UnavailableRate = 0.2 },
            });
            using var client = new SandboxClient(server, "k");
            var statuses = new List<int>();
            for (var i = 0; i < 100; i++)
            {
                statuses.Add((int)(await client.GetAsync("v1/auth/me")).Status);
            }

            Assert.InRange(statuses.Count(s => s == 500), 10, 50);
            Assert.InRange(statuses.Count(s => s == 503), 5, 40);
            Assert.InRange(statuses.Count(s => s == 200), 25, 75);
            outcomes.Add(string.Join(',', statuses));
        }

        Assert.Equal(outcomes[0], outcomes[1]);
    }

    [Theory]
    [InlineData("""{"errorRate":1.5}""")]
    [InlineData("""{"hangRate":-0.1}""")]
    [InlineData("""{"latencyMs":-1}""")]
    [InlineData("""{"failAll":"yes"}""")]
    [InlineData("nope")]
    public async Task InvalidFaults_Are400_AndLeaveFaultsUnchanged(string body)
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100 });
        using var admin = new SandboxClient(server, apiKey: null);
        await admin.PutAsync("_sandbox/faults", new { latencyMs = 5 });

        var call = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, "_sandbox/faults") { Content = new StringContent(body) });
        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Equal("INVALID_REQUEST", call.ErrorCode);
        Assert.Equal(5, (await admin.GetAsync("_sandbox/faults")).Body.GetProperty("latencyMs").GetInt32());
    }

    [Fact]
    public async Task GetFaults_ReturnsTheWholeShape()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100 });
        using var admin = new SandboxClient(server, apiKey: null);
        await admin.PutAsync("_sandbox/faults", new { latencyMs = 10, jitterMs = 5, errorRate = 0.1, unavailableRate = 0.2, hangRate = 0.05, retryAfterSeconds = 3 });

        var body = (await admin.GetAsync("_sandbox/faults")).Body;
        Assert.Equal(10, body.GetProperty("latencyMs").GetInt32());
        Assert.Equal(5, body.GetProperty("jitterMs").GetInt32());
        Assert.Equal(0.1, body.GetProperty("errorRate").GetDouble());
        Assert.Equal(0.2, body.GetProperty("unavailableRate").GetDouble());
        Assert.Equal(0.05, body.GetProperty("hangRate").GetDouble());
        Assert.False(body.GetProperty("failAll").GetBoolean());
        Assert.Equal(3, body.GetProperty("retryAfterSeconds").GetInt32());
    }
}

using System.Net;
using System.Text.Json;
using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_CountCallsByTemplate_StatusesAndEnrichments()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 500 });
        using var client = new SandboxClient(server, "sb_business");
        using var anonymous = new SandboxClient(server, apiKey: null);
        var ids = (await client.SearchAsync("a", limit: 3)).Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

        await anonymous.GetAsync("v1/health");
        await client.SearchAsync("engineer");
        await client.GetAsync($"v1/profiles/{ids[0]}");
        await client.GetAsync("v1/profiles/jb_missing");
        await client.PostAsync("v1/profiles/batch", new { ids });
        await client.PostAsync("v1/enrich", new { profileId = ids[0] });
        await client.PostAsync("v1/enrich/batch", new { profileIds = ids });
        await client.GetAsync("v1/auth/me");
        await client.GetAsync("v1/usage");
        await anonymous.GetAsync("v1/usage");
        await anonymous.GetAsync("_sandbox/faults");

        var stats = (await anonymous.GetAsync("_sandbox/stats")).Body;
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["GET /auth/me"] = 1,
                ["GET /health"] = 1,
                ["GET /profiles/{id}"] = 2,
                ["GET /usage"] = 2,
                ["POST /enrich"] = 1,
                ["POST /enrich/batch"] = 1,
                ["POST /profiles/batch"] = 1,
                ["POST /search"] = 2,
            },
            ToDictionary(stats.GetProperty("calls")));
        Assert.Equal(
            new Dictionary<string, int> { ["200"] = 9, ["401"] = 1, ["404"] = 1 },
            ToDictionary(stats.GetProperty("statuses")));
        Assert.Equal(4, stats.GetProperty("enrichments").GetProperty("charged").GetInt32());
        Assert.Equal(3, stats.GetProperty("enrichments").GetProperty("distinctProfiles").GetInt32());
        Assert.Equal(["calls", "statuses", "enrichments"], stats.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Stats_AreExactUnderConcurrency()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions
        {
            ProfileCount = 200,
            Keys = [new SandboxKeyOptions { Key = "k", Plan = "enterprise", RequestsPerMinute = 100_000 }],
        });
        using var client = new SandboxClient(server, "k");
        using var admin = new SandboxClient(server, apiKey: null);
        var id = server.Services.GetRequiredService<Juicebox.Sandbox.Corpus.SandboxCorpus>().Ids.ToId(1);

        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var call = i % 3 == 0 ? await client.PostAsync("v1/enrich", new { profileId = id }) : await client.GetAsync($"v1/profiles/{id}");
            Assert.Equal(HttpStatusCode.OK, call.Status);
        });

        var stats = (await admin.GetAsync("_sandbox/stats")).Body;
        Assert.Equal(100, stats.GetProperty("calls").GetProperty("POST /enrich").GetInt32());
        Assert.Equal(200, stats.GetProperty("calls").GetProperty("GET /profiles/{id}").GetInt32());
        Assert.Equal(300, stats.GetProperty("statuses").GetProperty("200").GetInt32());
        Assert.Equal(100, stats.GetProperty("enrichments").GetProperty("charged").GetInt32());
        Assert.Equal(1, stats.GetProperty("enrichments").GetProperty("distinctProfiles").GetInt32());
        Assert.Equal(100, (await client.GetAsync("v1/usage")).Body.GetProperty("enrichments").GetInt32());
    }

    [Fact]
    public async Task Reset_ZeroesCountersAndLimits()
    {
        // A fixed clock: on the real one, the calls below could straddle a minute and find a new window.
        await using var server = await Sandboxes.StartAsync(
            Sandboxes.WithKey(new SandboxKeyOptions { Key = "k", RequestsPerMinute = 2, SearchesPerMonth = 1 }, profileCount: 100),
            new FakeTimeProvider(Sandboxes.Start));
        using var client = new SandboxClient(server, "k");
        using var admin = new SandboxClient(server, apiKey: null);
        var id = server.Services.GetRequiredService<Juicebox.Sandbox.Corpus.SandboxCorpus>().Ids.ToId(1);

        await client.SearchAsync("engineer");
        await client.PostAsync("v1/enrich", new { profileId = id });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("v1/auth/me")).Status);

        var reset = await admin.PostRawAsync("_sandbox/reset", null);
        Assert.True(reset.Status is HttpStatusCode.OK or HttpStatusCode.NoContent);

        var stats = (await admin.GetAsync("_sandbox/stats")).Body;
        Assert.Empty(stats.GetProperty("calls").EnumerateObject());
        Assert.Empty(stats.GetProperty("statuses").EnumerateObject());
        Assert.Equal(0, stats.GetProperty("enrichments").GetProperty("charged").GetInt32());
        Assert.Equal(0, stats.GetProperty("enrichments").GetProperty("distinctProfiles").GetInt32());

        var search = await client.SearchAsync("engineer");
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Equal("1", search.Header("x-ratelimit-remaining"));
        var usage = await client.GetAsync("v1/usage");
        Assert.Equal(1, usage.Body.GetProperty("searches").GetInt32());
        Assert.Equal(0, usage.Body.GetProperty("enrichments").GetInt32());
        Assert.Equal(2, usage.Body.GetProperty("requestsToday").GetInt32());
    }

    [Fact]
    public async Task SandboxEndpoints_NeedNoKey_AndAreNotCounted()
    {
        await using var server = await Sandboxes.StartAsync(new SandboxOptions { ProfileCount = 100 });
        using var anonymous = new SandboxClient(server, apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("_sandbox/faults")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("_sandbox/stats")).Status);
        var stats = (await anonymous.GetAsync("_sandbox/stats")).Body;
        Assert.Empty(stats.GetProperty("calls").EnumerateObject());
        Assert.Empty(stats.GetProperty("statuses").EnumerateObject());
    }

    private static Dictionary<string, int> ToDictionary(JsonElement element)
    {
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }
}

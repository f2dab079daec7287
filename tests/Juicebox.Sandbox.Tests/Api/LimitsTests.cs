using System.Net;
using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class LimitsTests
{
    private const string Key = "sb_limited";

    [Fact]
    public async Task PerMinuteLimit_Is429RateLimited_UntilTheWindowResets()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, RequestsPerMinute = 3 }), time);
        using var client = new SandboxClient(server, Key);
        var windowEnd = new DateTimeOffset(2026, 3, 16, 10, 21, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 1; i <= 3; i++)
        {
            var ok = await client.GetAsync("v1/auth/me");
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal("3", ok.Header("x-ratelimit-limit"));
            Assert.Equal((3 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Header("x-ratelimit-remaining"));
            Assert.Equal(windowEnd, ok.Header("x-ratelimit-reset"));
            Assert.Null(ok.Header("retry-after"));
        }

        var limited = await client.GetAsync("v1/auth/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
        Assert.Equal(30, limited.RetryAfterSeconds);
        Assert.Equal("0", limited.Header("x-ratelimit-remaining"));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, (await client.GetAsync("v1/auth/me")).RetryAfterSeconds);

        time.Advance(TimeSpan.FromSeconds(1));
        var afterReset = await client.GetAsync("v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, afterReset.Status);
        Assert.Equal("2", afterReset.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task ARateWindowShorterThanAMinute_CountsThePerMinuteLimitInWindowsOfThatLength()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        var options = Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, RequestsPerMinute = 3 });
        options.RateWindow = TimeSpan.FromSeconds(10);
        await using var server = await Sandboxes.StartAsync(options, time);
        using var client = new SandboxClient(server, Key);
        var windowEnd = new DateTimeOffset(2026, 3, 16, 10, 20, 40, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 1; i <= 3; i++)
        {
            var ok = await client.GetAsync("v1/auth/me");
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal(windowEnd, ok.Header("x-ratelimit-reset"));
        }

        time.Advance(TimeSpan.FromSeconds(4));
        var limited = await client.GetAsync("v1/auth/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
        Assert.Equal(6, limited.RetryAfterSeconds);

        time.Advance(TimeSpan.FromSeconds(6));
        var nextWindow = await client.GetAsync("v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, nextWindow.Status);
        Assert.Equal("2", nextWindow.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task PerDayLimit_Is429QuotaExceeded_UntilMidnightUtc()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, RequestsPerDay = 4 }), time);
        using var client = new SandboxClient(server, Key);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/usage")).Status);
            time.Advance(TimeSpan.FromMinutes(5));
        }

        var refused = await client.GetAsync("v1/usage");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("QUOTA_EXCEEDED", refused.ErrorCode);
        var midnight = new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((long)(midnight - time.GetUtcNow()).TotalSeconds, refused.RetryAfterSeconds);

        time.Advance(midnight - time.GetUtcNow());
        var nextDay = await client.GetAsync("v1/usage");
        Assert.Equal(HttpStatusCode.OK, nextDay.Status);
        Assert.Equal(1, nextDay.Body.GetProperty("requestsToday").GetInt32());
    }

    [Fact]
    public async Task MonthlySearches_Are429QuotaExceeded_UntilTheNextMonth()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, SearchesPerMonth = 2 }), time);
        using var client = new SandboxClient(server, Key);

        // A query that does not parse costs no search.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SearchAsync("title:(")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync("engineer")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync("designer")).Status);

        var refused = await client.SearchAsync("engineer");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("QUOTA_EXCEEDED", refused.ErrorCode);
        var nextMonth = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((long)(nextMonth - time.GetUtcNow()).TotalSeconds, refused.RetryAfterSeconds);

        // Other calls still work; only searches are used up.
        var usage = await client.GetAsync("v1/usage");
        Assert.Equal(HttpStatusCode.OK, usage.Status);
        Assert.Equal(2, usage.Body.GetProperty("searches").GetInt32());
        Assert.Equal(2, usage.Body.GetProperty("limits").GetProperty("searchesPerMonth").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), usage.Body.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(nextMonth, usage.Body.GetProperty("periodEnd").GetDateTimeOffset());

        time.Advance(nextMonth - time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync("engineer")).Status);
    }

    [Fact]
    public async Task MonthlyEnrichments_ChargeOnePerProfileFound_AndRefuseWhatDoesNotFit()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, EnrichmentsPerMonth = 5 }), time);
        using var client = new SandboxClient(server, Key);
        using var admin = new SandboxClient(server, apiKey: null);
        var ids = (await client.SearchAsync("a", limit: 6)).Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

        var tooMany = await client.PostAsync("v1/enrich/batch", new { profileIds = ids });
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.Status);
        Assert.Equal("QUOTA_EXCEEDED", tooMany.ErrorCode);
        Assert.NotNull(tooMany.RetryAfterSeconds);
        Assert.Equal(0, (await admin.GetAsync("_sandbox/stats")).Body.GetProperty("enrichments").GetProperty("charged").GetInt32());

        var four = await client.PostAsync("v1/enrich/batch", new { profileIds = ids[..4].Append("jb_unknown") });
        Assert.Equal(HttpStatusCode.OK, four.Status);
        var single = await client.PostAsync("v1/enrich", new { profileId = ids[4] });
        Assert.Equal(HttpStatusCode.OK, single.Status);
        Assert.Equal(time.GetUtcNow(), single.Body.GetProperty("enrichedAt").GetDateTimeOffset());
        var sixth = await client.PostAsync("v1/enrich", new { profileId = ids[5] });
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.Status);
        Assert.Equal("QUOTA_EXCEEDED", sixth.ErrorCode);

        // Unknown profiles cost nothing, even with the quota used up.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("v1/enrich", new { profileId = "jb_unknown" })).Status);

        var usage = await client.GetAsync("v1/usage");
        Assert.Equal(5, usage.Body.GetProperty("enrichments").GetInt32());
        var stats = (await admin.GetAsync("_sandbox/stats")).Body.GetProperty("enrichments");
        Assert.Equal(5, stats.GetProperty("charged").GetInt32());
        Assert.Equal(5, stats.GetProperty("distinctProfiles").GetInt32());
    }

    [Fact]
    public async Task RefusedRequests_AreNotCountedAsRequests()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, RequestsPerMinute = 2 }), time);
        using var client = new SandboxClient(server, Key);

        await client.GetAsync("v1/auth/me");
        await client.GetAsync("v1/auth/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("v1/auth/me")).Status);

        time.Advance(TimeSpan.FromMinutes(1));
        var usage = await client.GetAsync("v1/usage");
        Assert.Equal(3, usage.Body.GetProperty("requestsToday").GetInt32());
    }

    [Fact]
    public async Task Health_DoesNotSpendTheWindow()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        await using var server = await Sandboxes.StartAsync(Sandboxes.WithKey(new SandboxKeyOptions { Key = Key, RequestsPerMinute = 1 }), time);
        using var client = new SandboxClient(server, Key);

        for (var i = 0; i < 3; i++)
        {
            var health = await client.GetAsync("v1/health");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            Assert.Equal("1", health.Header("x-ratelimit-remaining"));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/auth/me")).Status);
    }

    [Fact]
    public async Task KeysAreLimitedIndependently()
    {
        var time = new FakeTimeProvider(Sandboxes.Start);
        var options = new SandboxOptions
        {
            ProfileCount = 100,
            Keys = [new SandboxKeyOptions { Key = "k1", RequestsPerMinute = 1 }, new SandboxKeyOptions { Key = "k2", RequestsPerMinute = 1 }],
        };
        await using var server = await Sandboxes.StartAsync(options, time);
        using var first = new SandboxClient(server, "k1");
        using var second = new SandboxClient(server, "k2");

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("v1/auth/me")).Status);
    }
}

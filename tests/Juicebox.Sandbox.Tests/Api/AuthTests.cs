using System.Net;
using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class AuthTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Health_NeedsNoKey()
    {
        using var client = fixture.Client(key: null);
        var call = await client.GetAsync("v1/health");
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal("ok", call.Body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sb_unknown")]
    public async Task MissingOrUnknownKey_Is401(string? key)
    {
        using var client = fixture.Client(key);
        foreach (var path in new[] { "v1/auth/me", "v1/usage", "v1/profiles/jb_x" })
        {
            var call = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
            Assert.Equal("AUTHENTICATION_FAILED", call.ErrorCode);
        }

        var search = await client.SearchAsync("engineer");
        Assert.Equal(HttpStatusCode.Unauthorized, search.Status);
    }

    [Fact]
    public async Task NonBearerScheme_Is401()
    {
        using var client = fixture.Client(key: null);
        var request = new HttpRequestMessage(HttpMethod.Get, "v1/auth/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic sb_pro");
        var call = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
    }

    [Fact]
    public async Task KeyWithoutScope_Is403_ButCanUseItsScope()
    {
        using var client = fixture.Client(SandboxFixture.SearchOnlyKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync("engineer")).Status);

        var enrich = await client.PostAsync("v1/enrich", new { profileId = "jb_x" });
        var profile = await client.GetAsync("v1/profiles/jb_x");
        Assert.Equal(HttpStatusCode.Forbidden, enrich.Status);
        Assert.Equal("PERMISSION_DENIED", enrich.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, profile.Status);
        Assert.Equal("PERMISSION_DENIED", profile.ErrorCode);
    }

    [Theory]
    [InlineData("sb_free", "free", 10, 100, 500, 100)]
    [InlineData("sb_pro", "pro", 60, 5_000, 10_000, 2_000)]
    [InlineData("sb_business", "business", 300, 50_000, 50_000, 10_000)]
    [InlineData("sb_enterprise", "enterprise", 300, 50_000, null, null)]
    public async Task DefaultKeys_ReportTheirPlans(string key, string plan, int perMinute, int perDay, int? searches, int? enrichments)
    {
        using var client = fixture.Client(key);
        var call = await client.GetAsync("v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(plan, call.Body.GetProperty("plan").GetString());
        Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("accountId").GetString()));
        Assert.Equal(["search", "profiles", "enrich"], call.Body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var limits = call.Body.GetProperty("limits");
        Assert.Equal(perMinute, limits.GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(perDay, limits.GetProperty("requestsPerDay").GetInt32());
        Assert.Equal(searches, NullableInt(limits.GetProperty("searchesPerMonth")));
        Assert.Equal(enrichments, NullableInt(limits.GetProperty("enrichmentsPerMonth")));
    }

    [Fact]
    public async Task ScopedKey_ReportsOnlyItsScopes()
    {
        using var client = fixture.Client(SandboxFixture.SearchOnlyKey);
        var call = await client.GetAsync("v1/auth/me");
        Assert.Equal(["search"], call.Body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    private static int? NullableInt(System.Text.Json.JsonElement element)
    {
        return element.ValueKind == System.Text.Json.JsonValueKind.Null ? null : element.GetInt32();
    }
}

using System.Net;
using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class HeadersTests
{
    [Fact]
    public async Task EveryAnswer_CarriesTheRateLimitHeaders_AndRetryAfterOnlyOn429And503()
    {
        var options = Sandboxes.WithKey(new SandboxKeyOptions { Key = "sb_tight", RequestsPerMinute = 1 }, profileCount: 200);
        options.Keys.Add(new SandboxKeyOptions { Key = "sb_noscope", Scopes = [ApiScopes.Search] });
        await using var server = await Sandboxes.StartAsync(options);
        using var anonymous = new SandboxClient(server, apiKey: null);
        using var pro = new SandboxClient(server, "sb_pro");
        using var tight = new SandboxClient(server, "sb_tight");
        using var noScope = new SandboxClient(server, "sb_noscope");

        var calls = new List<(string What, ApiCall Call, HttpStatusCode Expected)>
        {
            ("health anonymous", await anonymous.GetAsync("v1/health"), HttpStatusCode.OK),
            ("search", await pro.SearchAsync("engineer"), HttpStatusCode.OK),
            ("bad query", await pro.SearchAsync("(("), HttpStatusCode.BadRequest),
            ("bad body", await pro.PostRawAsync("v1/profiles/batch", "{"), HttpStatusCode.BadRequest),
            ("no key", await anonymous.GetAsync("v1/usage"), HttpStatusCode.Unauthorized),
            ("no scope", await noScope.GetAsync("v1/profiles/jb_x"), HttpStatusCode.Forbidden),
            ("unknown profile", await pro.GetAsync("v1/profiles/jb_x"), HttpStatusCode.NotFound),
            ("unknown path", await pro.GetAsync("v1/nothing/here"), HttpStatusCode.NotFound),
            ("wrong method", await pro.GetAsync("v1/search"), HttpStatusCode.MethodNotAllowed),
            ("first tight", await tight.GetAsync("v1/auth/me"), HttpStatusCode.OK),
            ("rate limited", await tight.GetAsync("v1/auth/me"), HttpStatusCode.TooManyRequests),
        };

        var faults = server.Services.GetRequiredService<FaultState>();
        faults.Set(new SandboxFaultOptions { ErrorRate = 1 });
        calls.Add(("injected 500", await pro.GetAsync("v1/auth/me"), HttpStatusCode.InternalServerError));
        faults.Set(new SandboxFaultOptions { FailAll = true });
        calls.Add(("injected 503", await pro.GetAsync("v1/auth/me"), HttpStatusCode.ServiceUnavailable));

        foreach (var (what, call, expected) in calls)
        {
            Assert.True(expected == call.Status, $"{what}: expected {expected}, got {call.Status}");
            Assert.True(int.TryParse(call.Header("x-ratelimit-limit"), out var limit) && limit > 0, $"{what}: x-ratelimit-limit");
            Assert.True(int.TryParse(call.Header("x-ratelimit-remaining"), out var remaining) && remaining >= 0 && remaining <= limit, $"{what}: x-ratelimit-remaining");
            Assert.True(long.TryParse(call.Header("x-ratelimit-reset"), out var reset) && reset > DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), $"{what}: x-ratelimit-reset");
            var wantsRetryAfter = call.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            Assert.True(wantsRetryAfter == call.Header("retry-after") is not null, $"{what}: retry-after");
            if ((int)call.Status >= 400)
            {
                Assert.False(string.IsNullOrEmpty(call.ErrorCode), $"{what}: error envelope");
                Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("error").GetProperty("message").GetString()), $"{what}: message");
            }
        }
    }
}

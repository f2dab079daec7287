using Microsoft.AspNetCore.Builder;

namespace Juicebox.Client.Tests;

/// <summary><c>SearchAllAsync</c> follows <c>nextCursor</c> to the end of a result set.</summary>
public sealed class PagingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchAll_ReturnsEveryResultOnce_AgainstTheSandbox()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: "sb_enterprise");
        var request = new SearchRequest { Query = "skills:Kafka", Limit = 10 };
        var total = (await harness.Client.SearchAsync(request, Cancellation)).Value.Total;
        Assert.InRange(total, 21, 400);

        var profiles = new List<ProfileSummary>();
        await foreach (var profile in harness.Client.SearchAllAsync(request, Cancellation))
        {
            profiles.Add(profile);
        }

        Assert.Equal(total, profiles.Count);
        Assert.Equal(total, profiles.Select(profile => profile.Id).Distinct().Count());
        Assert.All(profiles, profile => Assert.Contains("Kafka", profile.Skills));
        Assert.Equal(1 + ((total + 9) / 10), await sandbox.CallsAsync("POST /search"));
    }

    [Fact]
    public async Task SearchPages_SendsEachCursorBack_WithTheSameQuery_AndKeepsEveryPagesHeaders()
    {
        var calls = 0;
        await using var server = await StubServer.StartAsync(app => app.MapPost("/v1/search", () =>
        {
            return Interlocked.Increment(ref calls) switch
            {
                1 => Stub.Json(new { searchId = "s", profiles = new[] { Stub.Profile("a"), Stub.Profile("b") }, total = 3, nextCursor = "c1" }, remaining: 9),
                _ => Stub.Json(new { searchId = "s", profiles = new[] { Stub.Profile("c") }, total = 3, nextCursor = (string?)null }, remaining: 8),
            };
        }));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var pages = new List<JuiceboxResponse<SearchResponse>>();
        await foreach (var page in harness.Client.SearchPagesAsync(new SearchRequest { Query = "q", Limit = 2 }, Cancellation))
        {
            pages.Add(page);
        }

        Assert.Equal([9, 8], pages.Select(page => page.RateLimit.Remaining!.Value));
        Assert.Equal(
            ["""{"query":"q","limit":2}""", """{"query":"q","limit":2,"cursor":"c1"}"""],
            server.Requests.Select(request => request.Body));
    }

    [Fact]
    public async Task SearchAll_StopsWithAnError_WhenTheServerHandsBackTheSameCursor()
    {
        await using var server = await StubServer.StartAsync(app => app.MapPost("/v1/search", () =>
            Stub.Json(new { searchId = "s", profiles = new[] { Stub.Profile("a") }, total = 99, nextCursor = "stuck" })));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(async () =>
        {
            await foreach (var profile in harness.Client.SearchAllAsync(new SearchRequest { Query = "q" }, Cancellation))
            {
                Assert.Equal("a", profile.Id);
            }
        });

        Assert.Equal(JuiceboxErrorCodes.InvalidResponse, exception.ErrorCode);
        Assert.Equal(2, server.CountOf("POST /v1/search"));
    }
}

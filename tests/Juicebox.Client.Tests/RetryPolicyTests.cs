using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Client.Tests;

/// <summary>
/// Which calls are repeated, after which failures, and how long the client waits in between.
/// Reads repeat after any transient failure; enrichment only after a refusal (429, 503, no connection).
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly object EmptySearch = new { searchId = "s", profiles = Array.Empty<object>(), total = 0, nextCursor = (string?)null };
    private static readonly object EmptyBatch = new { profiles = Array.Empty<object>(), notFound = Array.Empty<string>() };

    public static TheoryData<string> SafeCalls => ["GET /v1/profiles/p1", "GET /v1/usage", "POST /v1/search", "POST /v1/profiles/batch"];

    public static TheoryData<string> QuotaCalls => ["POST /v1/enrich", "POST /v1/enrich/batch"];

    [Theory]
    [MemberData(nameof(SafeCalls))]
    public async Task SafeCall_IsRetriedAfter500_UntilItSucceeds(string route)
    {
        var calls = 0;
        await using var server = await StartAsync(route, () => Interlocked.Increment(ref calls) <= 2
            ? Stub.Error(500, JuiceboxErrorCodes.InternalError, "boom")
            : null);
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await CallAsync(harness.Client, route);

        Assert.Equal(3, server.CountOf(route));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task SafeCall_IsRetriedAfterGatewayFailures(int status)
    {
        var calls = 0;
        await using var server = await StartAsync("GET /v1/profiles/p1", () => Interlocked.Increment(ref calls) == 1 ? Stub.Raw(status, "gateway") : null);
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await harness.Client.GetProfileAsync("p1", TestContext.Current.CancellationToken);

        Assert.Equal(2, server.CountOf("GET /v1/profiles/p1"));
    }

    [Fact]
    public async Task SafeCall_GivesUpAfterMaxRetries_WithTheLastError()
    {
        await using var server = await StartAsync("GET /v1/usage", () => Stub.Error(500, JuiceboxErrorCodes.InternalError, "still down"));
        await using var harness = ClientHarness.Create(server.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "2");

        var exception = await Assert.ThrowsAsync<JuiceboxInternalErrorException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.Equal("still down", exception.UpstreamMessage);
        Assert.Equal(3, server.CountOf("GET /v1/usage"));
    }

    [Theory]
    [InlineData("POST /v1/enrich", 500)]
    [InlineData("POST /v1/enrich/batch", 500)]
    [InlineData("POST /v1/enrich", 502)]
    [InlineData("POST /v1/enrich/batch", 504)]
    public async Task QuotaCall_IsNotRetried_AfterAnAnswerThatMayFollowWork(string route, int status)
    {
        await using var server = await StartAsync(route, () => Stub.Error(status, JuiceboxErrorCodes.InternalError, "maybe done"));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await Assert.ThrowsAnyAsync<JuiceboxApiException>(() => CallAsync(harness.Client, route));

        Assert.Equal(1, server.CountOf(route));
    }

    [Fact]
    public async Task HostWideStandardResilienceHandler_DoesNotWrapTheClient_SoEnrichmentStaysUnrepeated()
    {
        await using var server = await StartAsync("POST /v1/enrich", () => Stub.Error(500, JuiceboxErrorCodes.InternalError, "maybe done"));
        await using var harness = ClientHarness.Create(
            server.BaseAddress,
            configureHost: services => services.ConfigureHttpClientDefaults(defaults => defaults.AddStandardResilienceHandler()));

        await Assert.ThrowsAsync<JuiceboxInternalErrorException>(() => CallAsync(harness.Client, "POST /v1/enrich"));

        Assert.Equal(1, server.CountOf("POST /v1/enrich"));
    }

    [Theory]
    [MemberData(nameof(QuotaCalls))]
    public async Task QuotaCall_IsRetried_After503And429Refusals(string route)
    {
        var calls = 0;
        await using var server = await StartAsync(route, () => Interlocked.Increment(ref calls) switch
        {
            1 => Stub.Error(503, JuiceboxErrorCodes.ServiceUnavailable, "maintenance"),
            2 => Stub.Error(429, JuiceboxErrorCodes.RateLimited, "slow down", retryAfterSeconds: 0),
            _ => null,
        });
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await CallAsync(harness.Client, route);

        Assert.Equal(3, server.CountOf(route));
    }

    [Theory]
    [MemberData(nameof(QuotaCalls))]
    public async Task QuotaCall_IsNotRetried_AfterAnAttemptTimeout(string route)
    {
        await using var server = await StartAsync(route, hang: () => true);
        await using var harness = ClientHarness.Create(server.BaseAddress, settings => settings["Juicebox:Resilience:AttemptTimeout"] = "00:00:00.300");

        var exception = await Assert.ThrowsAsync<JuiceboxTransportException>(() => CallAsync(harness.Client, route));

        Assert.Equal(JuiceboxTransportFailure.Timeout, exception.Failure);
        Assert.True(exception.IsTransient);
        Assert.Equal(1, server.CountOf(route));
    }

    [Fact]
    public async Task SafeCall_IsRetried_AfterAnAttemptTimeout()
    {
        var calls = 0;
        await using var server = await StartAsync("POST /v1/search", hang: () => Interlocked.Increment(ref calls) == 1);
        await using var harness = ClientHarness.Create(server.BaseAddress, settings => settings["Juicebox:Resilience:AttemptTimeout"] = "00:00:00.300");

        await harness.Client.SearchAsync(new SearchRequest { Query = "q" }, TestContext.Current.CancellationToken);

        Assert.Equal(2, server.CountOf("POST /v1/search"));
    }

    [Fact]
    public async Task TotalTimeout_EndsTheCall_WhateverRetriesAreLeft()
    {
        await using var server = await StartAsync("GET /v1/usage", hang: () => true);
        await using var harness = ClientHarness.Create(server.BaseAddress, settings =>
        {
            settings["Juicebox:Resilience:AttemptTimeout"] = "00:00:00.400";
            settings["Juicebox:Resilience:TotalTimeout"] = "00:00:01";
            settings["Juicebox:Resilience:MaxRetryAfter"] = "00:00:00.500";
            settings["Juicebox:Resilience:MaxRetries"] = "10";
        });
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<JuiceboxTransportException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.Equal(JuiceboxTransportFailure.Timeout, exception.Failure);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.InRange(server.CountOf("GET /v1/usage"), 2, 4);
    }

    [Fact]
    public async Task CallerCancellation_StaysAnOperationCanceledException()
    {
        await using var server = await StartAsync("GET /v1/usage", hang: () => true);
        await using var harness = ClientHarness.Create(server.BaseAddress);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetUsageAsync(cancellation.Token));

        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Equal(1, server.CountOf("GET /v1/usage"));
    }

    [Fact]
    public async Task RetryAfter_IsWaitedForBeforeTheRetry()
    {
        var calls = 0;
        await using var server = await StartAsync("POST /v1/profiles/batch", () => Interlocked.Increment(ref calls) == 1
            ? Stub.Error(429, JuiceboxErrorCodes.RateLimited, "per-minute limit", retryAfterSeconds: 1)
            : null);
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await harness.Client.GetProfilesAsync(["p1"], TestContext.Current.CancellationToken);

        // .NET timers count whole milliseconds of a clock coarser than the stopwatch, so a 1 s
        // delay can end a fraction of a millisecond early by the stopwatch; 10 ms absorbs that.
        var arrivals = server.Requests.Select(request => request.ArrivedAt).ToList();
        Assert.Equal(2, arrivals.Count);
        Assert.True(
            arrivals[1] - arrivals[0] >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(10),
            $"the retry came {arrivals[1] - arrivals[0]} after the 429 that asked for 1 s");
        Assert.True(arrivals[1] - arrivals[0] < TimeSpan.FromSeconds(2), $"the retry came {arrivals[1] - arrivals[0]} after the 429, far later than asked");
    }

    [Theory]
    [InlineData(JuiceboxErrorCodes.QuotaExceeded)]
    [InlineData(JuiceboxErrorCodes.RateLimited)]
    public async Task RetryAfterBeyondTheCap_FailsAtOnce_WithTheWaitInTheException(string code)
    {
        await using var server = await StartAsync("POST /v1/search", () => Stub.Error(429, code, "come back tomorrow", retryAfterSeconds: 3600));
        await using var harness = ClientHarness.Create(server.BaseAddress);
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAnyAsync<JuiceboxApiException>(
            () => harness.Client.SearchAsync(new SearchRequest { Query = "q" }, TestContext.Current.CancellationToken));

        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(TimeSpan.FromHours(1), exception.RetryAfter);
        Assert.Equal(1, server.CountOf("POST /v1/search"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"the call took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData(400, JuiceboxErrorCodes.InvalidRequest)]
    [InlineData(401, JuiceboxErrorCodes.AuthenticationFailed)]
    [InlineData(404, JuiceboxErrorCodes.NotFound)]
    public async Task ClientErrors_AreNeverRetried(int status, string code)
    {
        await using var server = await StartAsync("GET /v1/profiles/p1", () => Stub.Error(status, code, "no"));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        await Assert.ThrowsAnyAsync<JuiceboxApiException>(() => harness.Client.GetProfileAsync("p1", TestContext.Current.CancellationToken));

        Assert.Equal(1, server.CountOf("GET /v1/profiles/p1"));
    }

    [Theory]
    [InlineData("GET /v1/profiles/p1")]
    [InlineData("POST /v1/enrich")]
    public async Task ConnectionRefused_IsRetried_EvenForEnrichment_ThenFailsAsConnectionFailed(string route)
    {
        var counter = new AttemptCounter();
        await using var harness = ClientHarness.Create(
            FreePort.ClosedBaseAddress(),
            configureClient: builder => builder.AddHttpMessageHandler(counter.CreateHandler));

        var exception = await Assert.ThrowsAsync<JuiceboxTransportException>(() => CallAsync(harness.Client, route));

        Assert.Equal(JuiceboxTransportFailure.ConnectionFailed, exception.Failure);
        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Equal(4, counter.Attempts);
    }

    [Theory]
    [InlineData("GET /v1/profiles/p1", 2)]
    [InlineData("POST /v1/enrich", 1)]
    public async Task ConnectionDroppedAfterTheRequest_IsRetriedOnlyForReads(string route, int expectedCalls)
    {
        var calls = 0;
        await using var server = await StubServer.StartAsync(app => app.Map(route.Split(' ')[1], (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Abort();
                return Results.Empty;
            }

            return route.StartsWith("GET", StringComparison.Ordinal) ? Stub.Json(Stub.Profile("p1")) : Stub.Json(Stub.Enriched("p1"));
        }));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        if (expectedCalls == 1)
        {
            var exception = await Assert.ThrowsAsync<JuiceboxTransportException>(() => CallAsync(harness.Client, route));
            Assert.Equal(JuiceboxTransportFailure.ConnectionFailed, exception.Failure);
        }
        else
        {
            await CallAsync(harness.Client, route);
        }

        Assert.Equal(expectedCalls, server.CountOf(route));
    }

    /// <summary>
    /// A stub for one route: <paramref name="failure"/> picks an error answer (null: succeed) and
    /// <paramref name="hang"/> says whether to hold the request until the client gives up.
    /// </summary>
    private static Task<StubServer> StartAsync(string route, Func<IResult?>? failure = null, Func<bool>? hang = null) =>
        StubServer.StartAsync(app => app.Map(route.Split(' ')[1], async (HttpContext context) =>
        {
            if (hang?.Invoke() == true)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            return failure?.Invoke() ?? Success(route);
        }));

    private static IResult Success(string route) => route switch
    {
        "POST /v1/search" => Stub.Json(EmptySearch),
        "POST /v1/profiles/batch" or "POST /v1/enrich/batch" => Stub.Json(EmptyBatch),
        "POST /v1/enrich" => Stub.Json(Stub.Enriched("p1")),
        "GET /v1/usage" => Stub.Json(new { requestsToday = 1, searches = 0, enrichments = 0, limits = new { requestsPerMinute = 60, requestsPerDay = 100 } }),
        _ => Stub.Json(Stub.Profile("p1")),
    };

    private static Task CallAsync(IJuiceboxClient client, string route)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        return route switch
        {
            "GET /v1/profiles/p1" => client.GetProfileAsync("p1", cancellationToken),
            "GET /v1/usage" => client.GetUsageAsync(cancellationToken),
            "POST /v1/search" => client.SearchAsync(new SearchRequest { Query = "q" }, cancellationToken),
            "POST /v1/profiles/batch" => client.GetProfilesAsync(["p1"], cancellationToken),
            "POST /v1/enrich" => client.EnrichAsync(EnrichRequest.ForProfile("p1"), cancellationToken),
            "POST /v1/enrich/batch" => client.EnrichBatchAsync(["p1"], cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "no call for this route"),
        };
    }
}

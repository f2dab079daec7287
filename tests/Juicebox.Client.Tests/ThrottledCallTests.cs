using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Client.Tests;

/// <summary>
/// A handler added to the client's builder (the cluster's rate limiter) may refuse to send a call with
/// <see cref="JuiceboxThrottledException"/>: the resilience pipeline neither retries it nor counts it
/// against the upstream, and the client hands it to the caller as it was thrown.
/// </summary>
public sealed class ThrottledCallTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET /v1/profiles/p1")]
    [InlineData("POST /v1/search")]
    [InlineData("POST /v1/enrich/batch")]
    public async Task ThrottledInsideThePipeline_IsNotRetried_AndSurfacesUnchanged(string route)
    {
        var throttled = new JuiceboxThrottledException("The pace is booked.", TimeSpan.FromSeconds(3), quotaExhausted: false);
        var counter = new AttemptCounter();
        await using var harness = ClientHarness.Create(
            FreePort.ClosedBaseAddress(),
            configureClient: builder => builder
                .AddHttpMessageHandler(counter.CreateHandler)
                .AddHttpMessageHandler(() => new RefusingHandler(() => throttled)));

        var caught = await Assert.ThrowsAsync<JuiceboxThrottledException>(() => CallAsync(harness.Client, route));

        Assert.Same(throttled, caught);
        Assert.Equal(1, counter.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(3), caught.RetryAfter);
        Assert.True(caught.IsTransient);
    }

    [Fact]
    public async Task ThrottledCalls_DoNotOpenTheCircuit()
    {
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/profiles/{id}", (string id) => Stub.Json(Stub.Profile(id))));
        var refusing = true;
        await using var harness = ClientHarness.Create(
            server.BaseAddress,
            settings =>
            {
                settings["Juicebox:Resilience:CircuitBreaker:FailureRatio"] = "0.5";
                settings["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "2";
                settings["Juicebox:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30";
            },
            configureClient: builder => builder.AddHttpMessageHandler(() => new RefusingHandler(() =>
                Volatile.Read(ref refusing) ? new JuiceboxThrottledException("The daily limit is used up.", TimeSpan.FromHours(1), quotaExhausted: true) : null)));

        for (var call = 0; call < 6; call++)
        {
            var refused = await Assert.ThrowsAsync<JuiceboxThrottledException>(() => harness.Client.GetProfileAsync("p1", Cancellation));
            Assert.True(refused.QuotaExhausted);
        }

        Volatile.Write(ref refusing, false);
        var answer = await harness.Client.GetProfileAsync("p1", Cancellation);

        Assert.Equal("p1", answer.Value.Id);
        Assert.Equal(1, server.CountOf("GET /v1/profiles/p1"));
    }

    private static Task CallAsync(IJuiceboxClient client, string route) => route switch
    {
        "GET /v1/profiles/p1" => client.GetProfileAsync("p1", Cancellation),
        "POST /v1/search" => client.SearchAsync(new SearchRequest { Query = "q" }, Cancellation),
        "POST /v1/enrich/batch" => client.EnrichBatchAsync(["p1"], Cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "no call for this route"),
    };

    /// <summary>Throws what <paramref name="refusal"/> gives instead of sending; passes the call on when it gives null.</summary>
    private sealed class RefusingHandler(Func<JuiceboxThrottledException?> refusal) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            refusal() is { } throttled ? throw throttled : base.SendAsync(request, cancellationToken);
    }
}

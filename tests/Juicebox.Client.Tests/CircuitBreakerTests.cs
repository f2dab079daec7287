using System.Diagnostics;
using Juicebox.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;

namespace Juicebox.Client.Tests;

/// <summary>The circuit opens while the upstream is down, fails calls without sending them, and closes once it is back.</summary>
public sealed class CircuitBreakerTests
{
    private const string ProfileRoute = "GET /profiles/{id}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static void Breaker(Dictionary<string, string?> settings)
    {
        settings["Juicebox:Resilience:MaxRetries"] = "0";
        settings["Juicebox:Resilience:CircuitBreaker:FailureRatio"] = "0.5";
        settings["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "4";
        settings["Juicebox:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30";
        settings["Juicebox:Resilience:CircuitBreaker:BreakDuration"] = "00:00:01";
    }

    [Fact]
    public async Task UpstreamDown_OpensTheCircuit_ThenCallsFailFastWithoutReachingIt_UntilItRecovers()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, Breaker, apiKey: "sb_enterprise");
        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { FailAll = true, RetryAfterSeconds = 0 });

        // The search that found the id counts as a success: after three failures the breaker has
        // seen its minimum of four attempts, three quarters of them failed, and it opens.
        for (var call = 0; call < 3; call++)
        {
            await Assert.ThrowsAsync<JuiceboxServiceUnavailableException>(() => harness.Client.GetProfileAsync(id, Cancellation));
        }

        var rejections = new List<JuiceboxTransportException>();
        var stopwatch = Stopwatch.StartNew();
        for (var call = 0; call < 5; call++)
        {
            rejections.Add(await Assert.ThrowsAsync<JuiceboxTransportException>(() => harness.Client.GetProfileAsync(id, Cancellation)));
        }

        Assert.All(rejections, rejection => Assert.Equal(JuiceboxTransportFailure.CircuitOpen, rejection.Failure));
        Assert.All(rejections, rejection => Assert.InRange(rejection.RetryAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500), $"five rejected calls took {stopwatch.Elapsed}");
        Assert.Equal(3, await sandbox.CallsAsync(ProfileRoute));

        await sandbox.SetFaultsAsync(new SandboxFaultOptions());
        var probe = await FirstCallPastTheBreakerAsync(() => harness.Client.GetProfileAsync(id, Cancellation));

        Assert.Null(probe);
        Assert.Equal(4, await sandbox.CallsAsync(ProfileRoute));
        await harness.Client.GetProfileAsync(id, Cancellation);
        Assert.Equal(5, await sandbox.CallsAsync(ProfileRoute));
    }

    [Fact]
    public async Task FailedProbe_OpensTheCircuitAgain()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, Breaker, apiKey: "sb_enterprise");
        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { ErrorRate = 1.0 });
        for (var call = 0; call < 3; call++)
        {
            await Assert.ThrowsAsync<JuiceboxInternalErrorException>(() => harness.Client.GetProfileAsync(id, Cancellation));
        }

        var probe = await FirstCallPastTheBreakerAsync(() => harness.Client.GetProfileAsync(id, Cancellation));
        var rejection = await Assert.ThrowsAsync<JuiceboxTransportException>(() => harness.Client.GetProfileAsync(id, Cancellation));

        Assert.Equal(JuiceboxErrorCodes.InternalError, Assert.IsType<JuiceboxInternalErrorException>(probe).ErrorCode);
        Assert.Equal(JuiceboxTransportFailure.CircuitOpen, rejection.Failure);
        Assert.Equal(4, await sandbox.CallsAsync(ProfileRoute));
    }

    [Fact]
    public async Task RateLimitAnswers_DoNotOpenTheCircuit()
    {
        var calls = 0;
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/usage", () => Interlocked.Increment(ref calls) <= 8
            ? Stub.Error(429, JuiceboxErrorCodes.RateLimited, "slow down", retryAfterSeconds: 30)
            : Stub.Json(new { requestsToday = 1, limits = new { requestsPerMinute = 60 } })));
        await using var harness = ClientHarness.Create(server.BaseAddress, Breaker);

        for (var call = 0; call < 8; call++)
        {
            await Assert.ThrowsAsync<JuiceboxRateLimitedException>(() => harness.Client.GetUsageAsync(Cancellation));
        }

        var usage = await harness.Client.GetUsageAsync(Cancellation);

        Assert.Equal(1, usage.Value.RequestsToday);
        Assert.Equal(9, server.CountOf("GET /v1/usage"));
    }

    /// <summary>
    /// Repeats <paramref name="call"/> while the open circuit rejects it (for at most five seconds)
    /// and returns how the first call it let through ended: null for success, else the exception.
    /// </summary>
    private static async Task<Exception?> FirstCallPastTheBreakerAsync(Func<Task> call)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await call();
                return null;
            }
            catch (JuiceboxTransportException exception) when (exception.Failure == JuiceboxTransportFailure.CircuitOpen)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "Timed out after 5 s waiting for the circuit to let a probe through after its 1 s break.");
                await Task.Delay(TimeSpan.FromMilliseconds(50), Cancellation);
            }
            catch (JuiceboxException exception)
            {
                return exception;
            }
        }
    }
}

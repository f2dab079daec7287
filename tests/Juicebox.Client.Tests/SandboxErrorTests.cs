using System.Diagnostics;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Client.Tests;

/// <summary>Every error the sandbox can produce, as the client surfaces it.</summary>
public sealed class SandboxErrorTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BadQuery_IsInvalidQuery_WithPositionAndRateLimitHeaders()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: "sb_pro");

        var exception = await Assert.ThrowsAsync<JuiceboxInvalidQueryException>(
            () => harness.Client.SearchAsync(new SearchRequest { Query = "title:(engineer OR" }, Cancellation));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal(JuiceboxErrorCodes.InvalidQuery, exception.ErrorCode);
        Assert.NotNull(exception.Position);
        Assert.InRange(exception.Position.Value, 0, "title:(engineer OR".Length);
        Assert.False(string.IsNullOrWhiteSpace(exception.UpstreamMessage));
        Assert.Equal(60, exception.RateLimit.Limit);
        Assert.Equal(59, exception.RateLimit.Remaining);
        Assert.True(exception.RateLimit.Reset > DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Null(exception.RetryAfter);
    }

    [Fact]
    public async Task BadBatch_IsInvalidRequest()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: "sb_pro");

        var empty = await Assert.ThrowsAsync<JuiceboxInvalidRequestException>(() => harness.Client.GetProfilesAsync([], Cancellation));
        var tooMany = await Assert.ThrowsAsync<JuiceboxInvalidRequestException>(
            () => harness.Client.EnrichBatchAsync([.. Enumerable.Range(0, 101).Select(i => $"id{i}")], Cancellation));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(JuiceboxErrorCodes.InvalidRequest, tooMany.ErrorCode);
        Assert.Equal(58, tooMany.RateLimit.Remaining);
    }

    [Fact]
    public async Task UnknownKey_IsAuthenticationFailed()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: "sb_unknown_key");

        var exception = await Assert.ThrowsAsync<JuiceboxAuthenticationException>(() => harness.Client.GetAccountAsync(Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Equal(JuiceboxErrorCodes.AuthenticationFailed, exception.ErrorCode);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task KeyWithoutTheEnrichScope_IsPermissionDenied()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: SandboxHarness.NoEnrichKey);
        var id = await sandbox.AnyProfileIdAsync(harness.Client);

        var exception = await Assert.ThrowsAsync<JuiceboxPermissionDeniedException>(
            () => harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation));

        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Equal("enrich", exception.Details!.Value.GetProperty("scope").GetString());
        Assert.Equal(0, await sandbox.EnrichmentsChargedAsync());
    }

    [Fact]
    public async Task UnknownProfileId_IsNotFound()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: "sb_pro");

        var exception = await Assert.ThrowsAsync<JuiceboxNotFoundException>(() => harness.Client.GetProfileAsync("no-such-profile", Cancellation));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal(1, await sandbox.CallsAsync("GET /profiles/{id}"));
    }

    [Fact]
    public async Task FreePlanPerMinuteLimit_IsRateLimited_WithRetryAfter()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "0", apiKey: "sb_free");

        // 10 a minute: 21 calls hit the limit even if a minute boundary falls between them.
        JuiceboxRateLimitedException? limited = null;
        for (var call = 0; call < 21 && limited is null; call++)
        {
            try
            {
                await harness.Client.GetUsageAsync(Cancellation);
            }
            catch (JuiceboxRateLimitedException exception)
            {
                limited = exception;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.RetryAfter!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(10, limited.RateLimit.Limit);
        Assert.Equal(0, limited.RateLimit.Remaining);
        Assert.NotNull(limited.RateLimit.Reset);
        Assert.True(limited.IsTransient);
    }

    [Fact]
    public async Task SpentQuota_IsQuotaExceeded_AndFailsAtOnceWithoutARetry()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, apiKey: SandboxHarness.OneEnrichmentKey);
        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation);
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<JuiceboxQuotaExceededException>(
            () => harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation));

        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.True(exception.RetryAfter > TimeSpan.FromSeconds(3), $"retry-after {exception.RetryAfter} should reach the month's end");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"the refused call took {stopwatch.Elapsed}");
        Assert.Equal(2, await sandbox.CallsAsync("POST /enrich"));
        Assert.Equal(1, await sandbox.EnrichmentsChargedAsync());
    }

    [Fact]
    public async Task ErrorRateOne_IsInternalError_RetriedForReadsOnly()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "2", apiKey: "sb_pro");
        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { ErrorRate = 1.0 });

        var read = await Assert.ThrowsAsync<JuiceboxInternalErrorException>(() => harness.Client.GetProfileAsync(id, Cancellation));
        var search = await Assert.ThrowsAsync<JuiceboxInternalErrorException>(
            () => harness.Client.SearchAsync(new SearchRequest { Query = "engineer" }, Cancellation));
        var enrich = await Assert.ThrowsAsync<JuiceboxInternalErrorException>(
            () => harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation));
        var enrichBatch = await Assert.ThrowsAsync<JuiceboxInternalErrorException>(
            () => harness.Client.EnrichBatchAsync([id], Cancellation));

        Assert.Equal(HttpStatusCode.InternalServerError, read.StatusCode);
        Assert.NotNull(enrich.RateLimit.Remaining);
        Assert.Equal(3, await sandbox.CallsAsync("GET /profiles/{id}"));
        Assert.Equal(4, await sandbox.CallsAsync("POST /search"));
        Assert.Equal(1, await sandbox.CallsAsync("POST /enrich"));
        Assert.Equal(1, await sandbox.CallsAsync("POST /enrich/batch"));
        Assert.Equal(JuiceboxErrorCodes.InternalError, search.ErrorCode);
        Assert.Equal(JuiceboxErrorCodes.InternalError, enrichBatch.ErrorCode);
    }

    [Fact]
    public async Task UnavailableRateOne_IsServiceUnavailable_WithItsRetryAfterHonouredBetweenAttempts()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await using var harness = ClientHarness.Create(sandbox.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "1", apiKey: "sb_pro");
        var id = await sandbox.AnyProfileIdAsync(harness.Client);
        await sandbox.SetFaultsAsync(new SandboxFaultOptions { UnavailableRate = 1.0, RetryAfterSeconds = 1 });
        var stopwatch = Stopwatch.StartNew();

        // Enrichment is repeated after a 503: the upstream refused it, so nothing was spent.
        var exception = await Assert.ThrowsAsync<JuiceboxServiceUnavailableException>(
            () => harness.Client.EnrichAsync(EnrichRequest.ForProfile(id), Cancellation));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.RetryAfter);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1), $"two attempts 1 s apart took only {stopwatch.Elapsed}");
        Assert.Equal(2, await sandbox.CallsAsync("POST /enrich"));
        Assert.Equal(0, await sandbox.EnrichmentsChargedAsync());
    }
}

using Microsoft.AspNetCore.Builder;

namespace Juicebox.Client.Tests;

/// <summary>Every error answer becomes the exception of its code, with everything the answer carried.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<int, string, Type> ErrorCodes => new()
    {
        { 400, JuiceboxErrorCodes.InvalidQuery, typeof(JuiceboxInvalidQueryException) },
        { 400, JuiceboxErrorCodes.InvalidRequest, typeof(JuiceboxInvalidRequestException) },
        { 401, JuiceboxErrorCodes.AuthenticationFailed, typeof(JuiceboxAuthenticationException) },
        { 403, JuiceboxErrorCodes.PermissionDenied, typeof(JuiceboxPermissionDeniedException) },
        { 404, JuiceboxErrorCodes.NotFound, typeof(JuiceboxNotFoundException) },
        { 429, JuiceboxErrorCodes.RateLimited, typeof(JuiceboxRateLimitedException) },
        { 429, JuiceboxErrorCodes.QuotaExceeded, typeof(JuiceboxQuotaExceededException) },
        { 500, JuiceboxErrorCodes.InternalError, typeof(JuiceboxInternalErrorException) },
        { 503, JuiceboxErrorCodes.ServiceUnavailable, typeof(JuiceboxServiceUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task ErrorEnvelope_MapsToTypedExceptionWithCodeStatusMessageAndHeaders(int status, string code, Type expectedType)
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/profiles/{id}", () => Stub.Error(status, code, $"the {code} message", retryAfterSeconds: 3600, limit: 60, remaining: 7)));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAnyAsync<JuiceboxApiException>(
            () => harness.Client.GetProfileAsync("p1", TestContext.Current.CancellationToken));

        Assert.IsType(expectedType, exception);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal($"the {code} message", exception.UpstreamMessage);
        Assert.Contains($"the {code} message", exception.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(3600), exception.RetryAfter);
        Assert.Equal(new RateLimitInfo(60, 7, Stub.Reset, TimeSpan.FromSeconds(3600)), exception.RateLimit);
        Assert.Equal(status is 429 or >= 500, exception.IsTransient);
    }

    [Fact]
    public async Task InvalidQuery_ExposesDetailsPosition()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapPost("/v1/search", () => Stub.Error(400, JuiceboxErrorCodes.InvalidQuery, "unbalanced quote", new { position = 12 })));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxInvalidQueryException>(
            () => harness.Client.SearchAsync(new SearchRequest { Query = "title:\"open" }, TestContext.Current.CancellationToken));

        Assert.Equal(12, exception.Position);
        Assert.Equal(12, exception.Details!.Value.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task NonJsonBody_GivesSyntheticCodeWithStatusAndSnippet()
    {
        var page = "<html><body><h1>502 Bad Gateway</h1>" + new string('x', 1000) + "</body></html>";
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/usage", () => Stub.Raw(502, page)));
        await using var harness = ClientHarness.Create(server.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "0");

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.Equal("HTTP_502", exception.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.Contains("502", exception.Message, StringComparison.Ordinal);
        Assert.Contains("<h1>502 Bad Gateway</h1>", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.Message.Length < 400, $"the snippet should be short, the message was {exception.Message.Length} characters");
        Assert.Null(exception.Details);
    }

    [Fact]
    public async Task EmptyBody_GivesSyntheticCodeSayingTheBodyWasEmpty()
    {
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/usage", () => Stub.Raw(503, string.Empty)));
        await using var harness = ClientHarness.Create(server.BaseAddress, settings => settings["Juicebox:Resilience:MaxRetries"] = "0");

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.Equal("HTTP_503", exception.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Contains("503", exception.Message, StringComparison.Ordinal);
        Assert.Contains("empty body", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonWithoutEnvelope_GivesSyntheticCodeWithSnippet()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/auth/me", () => Stub.Json(new { detail = "proxy says no" }, status: 403)));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetAccountAsync(TestContext.Current.CancellationToken));

        Assert.Equal("HTTP_403", exception.ErrorCode);
        Assert.Contains("proxy says no", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCode_KeepsTheCodeAndMessageInTheBaseException()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/auth/me", () => Stub.Error(402, "PAYMENT_REQUIRED", "card declined", new { invoice = "inv_1" })));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetAccountAsync(TestContext.Current.CancellationToken));

        Assert.Equal("PAYMENT_REQUIRED", exception.ErrorCode);
        Assert.Equal(HttpStatusCode.PaymentRequired, exception.StatusCode);
        Assert.Equal("card declined", exception.UpstreamMessage);
        Assert.Equal("inv_1", exception.Details!.Value.GetProperty("invoice").GetString());
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task KnownCodeWithAnUnexpectedStatus_KeepsTheRealStatus()
    {
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/auth/me", () => Stub.Error(400, JuiceboxErrorCodes.NotFound, "odd pairing")));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetAccountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal(JuiceboxErrorCodes.NotFound, exception.ErrorCode);
    }

    [Fact]
    public async Task HttpDateRetryAfter_IsTurnedIntoTheTimeLeft()
    {
        var retryAt = DateTimeOffset.UtcNow.AddMinutes(10);
        await using var server = await StubServer.StartAsync(app =>
            app.MapGet("/v1/usage", () => Stub.Raw(429, """{"error":{"code":"QUOTA_EXCEEDED","message":"daily quota"}}""", "application/json", retryAt.ToString("R"))));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxQuotaExceededException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.InRange(exception.RetryAfter!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(exception.RetryAfter, exception.RateLimit.RetryAfter);
    }

    [Fact]
    public async Task BodyThatIsNotTheExpectedJson_OnSuccess_IsAnInvalidResponse()
    {
        await using var server = await StubServer.StartAsync(app => app.MapGet("/v1/usage", () => Stub.Raw(200, "not json", "application/json")));
        await using var harness = ClientHarness.Create(server.BaseAddress);

        var exception = await Assert.ThrowsAsync<JuiceboxApiException>(() => harness.Client.GetUsageAsync(TestContext.Current.CancellationToken));

        Assert.Equal(JuiceboxErrorCodes.InvalidResponse, exception.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
    }
}

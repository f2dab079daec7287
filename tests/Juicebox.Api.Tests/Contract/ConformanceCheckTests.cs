using System.Text;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The conformance check that sits on the API tests' clients fails a response the document does not
/// describe, and says precisely how (operation, status, JSON path, what was expected).
/// </summary>
public sealed class ConformanceCheckTests
{
    private static readonly ContractDocument _document = ContractDocument.Committed;

    [Fact]
    public async Task AnUndocumentedStatus_FailsTheCheck()
    {
        var failure = await Assert.ThrowsAsync<ContractMismatchException>(() =>
            SendAsync(HttpMethod.Get, "/api/v1/profiles/jb_anyone", HttpStatusCode.Conflict, "application/problem+json", """{"title":"conflict","status":409}"""));

        var mismatch = Assert.Single(failure.Mismatches);
        Assert.StartsWith("GET /api/v1/profiles/{id} (GetProfile) answered 409, which the document does not list (it lists ", mismatch);
        Assert.Contains("200, 304, 400", mismatch);
        Assert.Contains(ContractDocument.RegenerateCommand, failure.Message);
    }

    [Fact]
    public async Task ABodyThatBreaksItsSchema_FailsTheCheck_NamingThePath()
    {
        // A search page whose first profile has no id, and whose total is a string.
        const string body = """
            {"searchId":"s1","profiles":[{"name":"Ada"}],"total":"3","nextCursor":null,
             "cachedAt":"2026-01-01T00:00:00Z","freshUntil":"2026-01-01T00:05:00Z"}
            """;

        var failure = await Assert.ThrowsAsync<ContractMismatchException>(() =>
            SendAsync(HttpMethod.Post, "/api/v1/search", HttpStatusCode.OK, "application/json; charset=utf-8", body));

        Assert.All(failure.Mismatches, mismatch => Assert.StartsWith("POST /api/v1/search (Search) answered 200 with a body that breaks its schema: at $", mismatch));
        Assert.Contains(failure.Mismatches, mismatch => mismatch.Contains("at $.profiles[0]:", StringComparison.Ordinal) && mismatch.Contains("\"id\"", StringComparison.Ordinal));
        Assert.Contains(failure.Mismatches, mismatch => mismatch.Contains("at $.total:", StringComparison.Ordinal) && mismatch.Contains("keyword 'type'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUndocumentedContentType_FailsTheCheck()
    {
        var failure = await Assert.ThrowsAsync<ContractMismatchException>(() =>
            SendAsync(HttpMethod.Get, "/api/v1/profiles/jb_anyone", HttpStatusCode.NotFound, "text/plain", "no such profile"));

        Assert.Equal(
            "GET /api/v1/profiles/{id} (GetProfile) answered 404 as text/plain; the document lists application/problem+json.",
            Assert.Single(failure.Mismatches));
    }

    [Fact]
    public async Task AnUndocumentedApiRoute_FailsTheCheck()
    {
        var failure = await Assert.ThrowsAsync<ContractMismatchException>(() =>
            SendAsync(HttpMethod.Get, "/api/v1/widgets", HttpStatusCode.OK, "application/json", "[]"));

        Assert.Equal("GET /api/v1/widgets answered 200: no operation in the document matches this route.", Assert.Single(failure.Mismatches));
    }

    [Theory]
    [InlineData("/api/v1/profiles/jb_anyone", "GET")]
    [InlineData("/api/v1/widgets", "GET")]
    [InlineData("/api/v1/enrichments", "POST")]
    public async Task ARequestLimitsRefusal_PassesTheCheck_OnADocumentedOrUnknownRoute(string path, string method)
    {
        const string body = """{"type":"https://juicebox.local/problems/url-too-long","title":"URL too long","status":414,"detail":"long","maxLength":4096}""";

        using var response = await SendAsync(new HttpMethod(method), path, HttpStatusCode.RequestUriTooLong, "application/problem+json", body);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task ADocumentedResponse_PassesTheCheck()
    {
        const string body = """{"type":"https://juicebox.local/problems/profile-not-found","title":"Profile not found","status":404,"detail":"none"}""";

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/profiles/jb_anyone", HttpStatusCode.NotFound, "application/problem+json", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpStatusCode status, string contentType, string body)
    {
        using var client = new HttpClient(new ConformanceHandler(_document) { InnerHandler = new CannedResponse(status, contentType, body) })
        {
            BaseAddress = new Uri("http://localhost"),
        };
        using var request = new HttpRequestMessage(method, path);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Answers every request with one response, as a server that breaks the contract would.</summary>
    private sealed class CannedResponse(HttpStatusCode status, string contentType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }
}

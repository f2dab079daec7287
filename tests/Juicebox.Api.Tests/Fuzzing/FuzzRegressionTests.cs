using Juicebox.Api.Tests.Limits;

namespace Juicebox.Api.Tests.Fuzzing;

/// <summary>Requests the fuzzer (<see cref="ApiFuzzTests"/>) found mishandled, kept as regular tests once fixed.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class FuzzRegressionTests(EmbeddedApiFactory factory)
{
    /// <summary>
    /// Seed 637051976 found it: with an <c>Accept</c> that leaves out JSON, the status-code pages
    /// answered 404, 405 and 403 as text/plain instead of a problem document.
    /// </summary>
    [Theory]
    [InlineData("GET", "/no/such/route", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/v1/profiles/someone", "text/event-stream", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/operator/budget", "!!", HttpStatusCode.Forbidden)]
    public async Task ErrorWithAnAcceptWithoutJson_IsStillAProblemDocument(string method, string path, string accept, HttpStatusCode expected)
    {
        using var client = factory.CreateAuthorizedClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssertions.AssertProblemAsync(response, expected);
    }

    /// <summary>
    /// The chaos run's fuzz burst found it (Cluster mode, 2026-12-05): a NUL in a local-query filter reached
    /// PostgreSQL, which refuses one in text, and the error answered 500. Refused before any index now.
    /// </summary>
    [Theory]
    [InlineData("title=a%00b")]
    [InlineData("company=%00")]
    [InlineData("skill=go&skill=x%00")]
    public async Task AFilterWithANul_IsA400Problem(string query)
    {
        using var client = factory.CreateAuthorizedClient();

        using var response = await client.GetAsync($"/api/v1/profiles?{query}", TestContext.Current.CancellationToken);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("without NUL", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

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
}

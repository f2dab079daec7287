namespace Juicebox.Api.Tests;

/// <summary>The console's static files: served at / without a key, locked down by their headers; the API stays behind its key.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class WebConsoleTests(EmbeddedApiFactory factory)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/console.css", "text/css")]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/js/pages/jobs.js", "text/javascript")]
    public async Task ConsoleFiles_AreServedWithoutAKey_WithASameOriginContentSecurityPolicy(string path, string mediaType)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task IndexPage_LoadsOnlyItsOwnFiles()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/", Cancellation);

        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoutes_AreStillA404ProblemDocument_NotThePage()
    {
        using var client = factory.CreateAuthorizedClient();

        using var response = await client.GetAsync("/api/v1/no-such-thing", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

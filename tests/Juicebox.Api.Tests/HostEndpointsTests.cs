using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class HostEndpointsTests(EmbeddedApiFactory factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AreHealthy_WithoutAnApiKey(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheProfileEndpoint_AndItsErrors()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var get = document.GetProperty("paths").GetProperty("/api/v1/profiles/{id}").GetProperty("get");
        var responses = get.GetProperty("responses");
        foreach (var status in new[] { "200", "304", "400", "404", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"The OpenAPI document lists no {status} for GET /api/v1/profiles/{{id}}.");
        }
    }
}

namespace Juicebox.Api.Tests.Privacy;

/// <summary>Without <c>Juicebox:WebhookSecret</c> no event could be verified, so the webhook route is off.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class WebhookOffTests(EmbeddedApiFactory factory)
{
    [Fact]
    public async Task WithoutASecret_TheWebhookIsANotFoundProblem()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("{\"id\":\"evt_1\",\"type\":\"key.rotated\"}", System.Text.Encoding.UTF8, "application/json");
        content.Headers.Add("X-Juicebox-Signature", "sha256=" + new string('0', 64));

        using var response = await client.PostAsync("/webhooks/juicebox", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

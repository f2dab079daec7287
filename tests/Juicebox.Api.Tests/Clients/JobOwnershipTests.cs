using System.Net.Http.Json;
using System.Security.Claims;
using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests.Clients;

/// <summary>
/// An enrichment job is read only by the client that submitted it and by operators: to any other client
/// its progress, events, failures and results are a 404, as a job that does not exist.
/// </summary>
[Collection(ClientsApiCollection.Name)]
public sealed class JobOwnershipTests(ClientsApiFactory factory)
{
    private static readonly string[] _jobRoutes = ["", "/events", "/failures", "/results"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJob_IsReadByItsClientAndOperators_AndIsNotFoundForAnyOtherClient()
    {
        using var owner = factory.CreateAuthorizedClient(ClientsApiFactory.ExceptKey(ApiScopes.Operator));
        using var otherClient = factory.CreateAuthorizedClient(ClientsApiFactory.OnlyKey(ApiScopes.Enrich));
        using var shorthand = factory.CreateAuthorizedClient(EmbeddedApiFactory.ApiKey);
        using var operatorClient = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
        using var submitted = await owner.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { factory.NextProfileId() } }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var jobUrl = submitted.Headers.Location!.OriginalString;

        foreach (var route in _jobRoutes)
        {
            foreach (var (client, who) in new[] { (owner, "its client"), (operatorClient, "an operator") })
            {
                using var allowed = await GetHeadersAsync(client, jobUrl + route);
                Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"GET {jobUrl}{route} by {who}: {(int)allowed.StatusCode}");
            }

            foreach (var (client, who) in new[] { (otherClient, "another named client"), (shorthand, "a shorthand key") })
            {
                using var refused = await GetHeadersAsync(client, jobUrl + route);
                Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"GET {jobUrl}{route} by {who}: {(int)refused.StatusCode}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Contains("enrichment-job-not-found", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("api-key-0", JobVisibility.ShorthandOwner)]
    [InlineData("api-key-3", JobVisibility.ShorthandOwner)]
    [InlineData("operator-key-0", JobVisibility.ShorthandOwner)]
    [InlineData("sales-team", "sales-team")]
    [InlineData(null, null)]
    public void ShorthandKeys_ShareOneOwner_SoARotatedKeyReadsItsPredecessorsJobs(string? client, string? owner)
    {
        var user = new ClaimsPrincipal(client is null ? new ClaimsIdentity() : new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], "test"));

        Assert.Equal(owner, JobVisibility.OwnerOf(user));
    }

    private static Task<HttpResponseMessage> GetHeadersAsync(HttpClient client, string url) =>
        client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Cancellation);
}

using Juicebox.ApiClient;
using Juicebox.ApiClient.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The C# client generated from the committed document (clients/Juicebox.ApiClient) against the real
/// API: typed parameters and bodies, and problem documents as typed errors. Its calls go through the
/// conformance check too.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class GeneratedClientTests(EmbeddedApiFactory factory) : IDisposable
{
    private readonly HttpClient _http = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TheGeneratedClient_ReadsAProfile_AndGetsA404AsAProblem()
    {
        var api = Client();
        var id = factory.NextProfileId();

        var profile = await api.Api.V1.Profiles[id].GetAsync(cancellationToken: Cancellation);
        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => api.Api.V1.Profiles["jb_nobody_at_all"].GetAsync(cancellationToken: Cancellation));

        Assert.Equal(id, profile!.Id);
        Assert.False(string.IsNullOrEmpty(profile.Name));
        Assert.Equal(404, missing.Status);
        Assert.Equal("Profile not found", missing.Title);
    }

    [Fact]
    public async Task TheGeneratedClient_SendsTypedNumbersBooleansAndDates()
    {
        var api = Client();

        var page = await api.Api.V1.Search.PostAsync(new SearchApiRequest { Query = "engineer", Limit = 3 }, cancellationToken: Cancellation);
        var listing = await api.Api.V1.Profiles.GetAsync(request =>
        {
            request.QueryParameters.Limit = 1;
            request.QueryParameters.Enriched = false;
            request.QueryParameters.UpdatedSince = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }, Cancellation);
        var tooMany = await Assert.ThrowsAsync<ProblemDetails>(() => api.Api.V1.Profiles.GetAsync(request => request.QueryParameters.Limit = 1000, Cancellation));

        Assert.InRange(page!.Profiles!.Count, 1, 3);
        Assert.InRange(listing!.Items!.Count, 0, 1);
        Assert.Equal(400, tooMany.Status);
        Assert.Contains("limit", tooMany.Detail, StringComparison.Ordinal);
    }

    private JuiceboxApiClient Client() =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _http) { BaseUrl = _http.BaseAddress!.ToString().TrimEnd('/') });
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests.Privacy;

/// <summary>
/// <c>DELETE /api/v1/profiles/{id}</c> in Embedded mode: what is erased, what the suppression list then
/// refuses (reads, searches, enrichment), and who may erase.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ErasureApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _caller = factory.CreateAuthorizedClient();
    private readonly HttpClient _eraser = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
    private readonly SandboxControl _upstream = new(factory.Sandbox.RootAddress);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _upstream.Dispose();
        _caller.Dispose();
        _eraser.Dispose();
    }

    [Fact]
    public async Task Erase_IsNoContent_ThenReadsAreGoneWithoutAskingTheUpstream_AndASecondEraseIsNoContentToo()
    {
        var id = factory.NextProfileId();
        using (var read = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        var callsBefore = await _upstream.CountCallsAsync("GET /profiles/{id}", Cancellation);
        using var gone = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        var problem = await AssertProblemAsync(gone, HttpStatusCode.Gone);
        Assert.Equal("Profile erased", problem.GetProperty("title").GetString());
        using var goneAgain = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.Gone, goneAgain.StatusCode);
        Assert.Equal(callsBefore, await _upstream.CountCallsAsync("GET /profiles/{id}", Cancellation));

        using var again = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Erase_OfAProfileNeverRead_SuppressesIt_SoTheFirstReadNeverReachesTheUpstream()
    {
        var id = factory.NextProfileId();
        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        var callsBefore = await _upstream.CountCallsAsync("GET /profiles/{id}", Cancellation);

        using var read = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Equal(callsBefore, await _upstream.CountCallsAsync("GET /profiles/{id}", Cancellation));
    }

    [Fact]
    public async Task Erase_RemovesTheProfileFromTheLocalListing()
    {
        var id = factory.NextProfileId();
        var profile = await _caller.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Cancellation);
        var listing = $"/api/v1/profiles?company={Uri.EscapeDataString(profile.GetProperty("company").GetString()!)}&limit=200";
        await _caller.PollJsonAsync(listing, page => Ids(page, "items").Contains(id), $"{id} listed", Timeout, Cancellation);

        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var after = await _caller.GetFromJsonAsync<JsonElement>(listing, Cancellation);
        Assert.DoesNotContain(id, Ids(after, "items"));
    }

    [Fact]
    public async Task Erase_DropsThePersonFromACachedSearchPage()
    {
        var id = factory.NextProfileId();
        var profile = await _caller.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Cancellation);
        var search = new { query = $"name:\"{profile.GetProperty("name").GetString()}\"", limit = 100 };
        using (var first = await _caller.PostAsJsonAsync("/api/v1/search", search, Cancellation))
        {
            Assert.Contains(id, Ids(await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation), "profiles"));
        }

        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        using var second = await _caller.PostAsJsonAsync("/api/v1/search", search, Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal("hit", second.Headers.GetValues("X-Cache").Single());
        Assert.DoesNotContain(id, Ids(await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation), "profiles"));
    }

    [Fact]
    public async Task Erase_ThenEnrichment_RejectsTheIdWithItsReason_AndPaysNothingForIt()
    {
        var erasedId = factory.NextProfileId();
        var other = factory.NextProfileId();
        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{erasedId}", Cancellation);

        using var job = await _caller.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { erasedId, other } }, Cancellation);
        using var single = await _caller.PostAsync($"/api/v1/profiles/{erasedId}/enrich", content: null, Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        var accepted = await job.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(1, accepted.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(accepted.GetProperty("rejected").EnumerateArray());
        Assert.Equal(erasedId, rejected.GetProperty("id").GetString());
        Assert.StartsWith("Erased", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, single.StatusCode);
    }

    [Theory]
    [InlineData("not an id!")]
    [InlineData("a%2Fb")]
    public async Task Erase_OfAnIdThatCannotBeAJuiceboxId_IsABadRequestProblem(string id)
    {
        using var response = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid profile id", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Erase_NeedsTheEraseScope()
    {
        var id = factory.NextProfileId();
        using var anonymous = factory.CreateClient();

        using var withoutKey = await anonymous.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        using var withoutScope = await _caller.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        using var read = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        var problem = await AssertProblemAsync(withoutScope, HttpStatusCode.Forbidden);
        Assert.Equal("profiles:erase", problem.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static List<string> Ids(JsonElement page, string property) =>
        [.. page.GetProperty(property).EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }
}

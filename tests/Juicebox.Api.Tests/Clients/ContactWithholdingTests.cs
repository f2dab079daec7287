using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Juicebox.ClientApi.Auth;
using Juicebox.GrainInterfaces.Profiles;

namespace Juicebox.Api.Tests.Clients;

/// <summary>A key without <c>contact:read</c> gets profiles without their contact block, and <c>X-Contact: withheld</c>.</summary>
[Collection(ClientsApiCollection.Name)]
public sealed class ContactWithholdingTests(ClientsApiFactory factory)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProfileRead_WithoutContactRead_IsTheSameProfileWithoutItsContactBlock()
    {
        using var full = factory.CreateAuthorizedClient();
        using var withheld = factory.CreateAuthorizedClient(ClientsApiFactory.ExceptKey(ApiScopes.ContactRead));
        var id = factory.NextProfileId();
        using var enrich = await full.PostAsync($"/api/v1/profiles/{id}/enrich", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, enrich.StatusCode);
        await full.PollJsonAsync($"/api/v1/profiles/{id}/enrichment", s => s.GetProperty("status").GetString() == "done", $"profile {id} enriched", JobTimeout, Cancellation);

        using var fullRead = await full.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        using var withheldRead = await withheld.GetAsync($"/api/v1/profiles/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, fullRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withheldRead.StatusCode);
        Assert.False(fullRead.Headers.Contains(ContactVisibility.HeaderName));
        Assert.Equal(ContactVisibility.Withheld, Assert.Single(withheldRead.Headers.GetValues(ContactVisibility.HeaderName)));
        var fullProfile = JsonNode.Parse(await fullRead.Content.ReadAsStringAsync(Cancellation))!.AsObject();
        var withheldProfile = JsonNode.Parse(await withheldRead.Content.ReadAsStringAsync(Cancellation))!.AsObject();
        Assert.True(fullProfile.ContainsKey("contact"), "the enriched profile should carry its contact block for contact:read");
        Assert.False(withheldProfile.ContainsKey("contact"), $"the contact block should be withheld: {withheldProfile}");
        fullProfile.Remove("contact");
        Assert.True(JsonNode.DeepEquals(fullProfile, withheldProfile), $"withheld {withheldProfile} should be the full profile without contact {fullProfile}");
        Assert.NotEqual(fullRead.Headers.ETag, withheldRead.Headers.ETag);
    }

    [Fact]
    public async Task Listings_SearchResults_AndJobs_SayContactIsWithheld_OnlyToKeysWithoutContactRead()
    {
        using var full = factory.CreateAuthorizedClient();
        using var withheld = factory.CreateAuthorizedClient(ClientsApiFactory.ExceptKey(ApiScopes.ContactRead));
        foreach (var (client, expectWithheld) in new[] { (full, false), (withheld, true) })
        {
            // A job is read by the client that submitted it.
            using var job = await client.PostAsJsonAsync("/api/v1/enrichments", new { profileIds = new[] { factory.NextProfileId() } }, Cancellation);
            Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
            var jobUrl = job.Headers.Location!.OriginalString;
            using var listing = await client.GetAsync("/api/v1/profiles/?limit=5", Cancellation);
            using var search = await client.PostAsJsonAsync("/api/v1/search", new { query = "engineer", limit = 3 }, Cancellation);
            using var progress = await client.GetAsync(jobUrl, Cancellation);
            using var failures = await client.GetAsync(jobUrl + "/failures", Cancellation);
            foreach (var response in new[] { listing, search, progress, failures })
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expectWithheld, response.Headers.TryGetValues(ContactVisibility.HeaderName, out var values) && values.Single() == ContactVisibility.Withheld);
                Assert.DoesNotContain("\"contact\"", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ProfileJson_WithoutContact_IsThePrefixOfTheFullRendering()
    {
        var profile = new ProfileData
        {
            Id = "jb_render",
            Name = "Ada \"Quoted\" Lovelace",
            Skills = ["math"],
            EnrichedAt = DateTimeOffset.UnixEpoch,
            Contact = new ContactData { Email = "ada@example.test" },
        };

        var full = ProfileJson.Render(profile, out var offset);
        var withheld = ProfileJson.WithoutContact(full, offset!.Value);

        Assert.Equal(JsonSerializer.Serialize(profile, ProfileJson.Options), System.Text.Encoding.UTF8.GetString(full));
        Assert.Equal(JsonSerializer.Serialize(profile with { Contact = null }, ProfileJson.Options), System.Text.Encoding.UTF8.GetString(withheld));
        Assert.Equal(ProfileJson.Render(profile with { Contact = null }), ProfileJson.Render(profile with { Contact = null }, out var none));
        Assert.Null(none);
    }

    [Fact]
    public async Task SearchWithAutoEnrich_NeedsTheEnrichScope()
    {
        using var searchOnly = factory.CreateAuthorizedClient(ClientsApiFactory.OnlyKey(ApiScopes.Search));

        using var plain = await searchOnly.PostAsJsonAsync("/api/v1/search", new { query = "engineer", limit = 3 }, Cancellation);
        using var enriching = await searchOnly.PostAsJsonAsync("/api/v1/search", new { query = "engineer", limit = 3, autoEnrich = 1 }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, enriching.StatusCode);
        var problem = await enriching.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(ApiScopes.Enrich, problem.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task AClientConfiguredByTheHashOfItsKey_AuthenticatesWithTheKey()
    {
        using var hashed = factory.CreateAuthorizedClient(ClientsApiFactory.HashedKey);
        using var hashAsKey = factory.CreateAuthorizedClient(ClientsApiFactory.Sha256Hex(ClientsApiFactory.HashedKey));

        using var read = await hashed.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", Cancellation);
        using var refused = await hashAsKey.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}

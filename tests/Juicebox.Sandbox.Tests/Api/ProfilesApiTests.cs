using System.Net;
using System.Text.Json;
using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class ProfilesApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task GetProfile_ReturnsTheFullProfile()
    {
        using var client = fixture.Client();
        var summary = await FirstSummaryAsync(client, "engineer");
        var call = await client.GetAsync($"v1/profiles/{summary.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, call.Status);
        foreach (var property in new[] { "id", "name", "title", "company", "location", "linkedinUrl" })
        {
            Assert.Equal(summary.GetProperty(property).GetString(), call.Body.GetProperty(property).GetString());
        }

        Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("headline").GetString()));
        Assert.NotEqual(0, call.Body.GetProperty("experience").GetArrayLength());
        Assert.NotEqual(0, call.Body.GetProperty("education").GetArrayLength());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", call.Body.GetProperty("updatedAt").GetString());
        Assert.False(call.Body.TryGetProperty("contact", out _));
    }

    [Fact]
    public async Task UnknownProfile_Is404NotFound()
    {
        using var client = fixture.Client();
        var call = await client.GetAsync("v1/profiles/jb_nope");
        Assert.Equal(HttpStatusCode.NotFound, call.Status);
        Assert.Equal("NOT_FOUND", call.ErrorCode);
    }

    [Fact]
    public async Task Batch_ReturnsFoundProfilesAndNotFoundIds()
    {
        using var client = fixture.Client();
        var ids = await IdsAsync(client, 5);
        var call = await client.PostAsync("v1/profiles/batch", new { ids = ids.Append("jb_unknown").Append(ids[0]) });

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(ids, call.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(["jb_unknown"], call.Body.GetProperty("notFound").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task Batch_AcceptsOneHundredIds()
    {
        using var client = fixture.Client();
        var ids = await IdsAsync(client, 100);
        var call = await client.PostAsync("v1/profiles/batch", new { ids });
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(100, call.Body.GetProperty("profiles").GetArrayLength());
    }

    [Theory]
    [InlineData("v1/profiles/batch", "ids")]
    [InlineData("v1/enrich/batch", "profileIds")]
    public async Task Batch_OutOfBounds_Is400InvalidRequest(string path, string field)
    {
        using var client = fixture.Client();
        var tooMany = Enumerable.Range(0, 101).Select(i => $"jb_{i}").ToArray();
        foreach (var body in new[] { $$"""{"{{field}}":[]}""", $$"""{"{{field}}":{{JsonSerializer.Serialize(tooMany)}}}""", "{}", $$"""{"{{field}}":"jb_x"}""", $$"""{"{{field}}":[null]}""", "not json", "" })
        {
            var call = await client.PostRawAsync(path, body);
            Assert.True(call.Status == HttpStatusCode.BadRequest, $"{body} gave {call.Status}");
            Assert.Equal("INVALID_REQUEST", call.ErrorCode);
        }
    }

    [Fact]
    public async Task Enrich_ByIdAndByLinkedinUrl_ReturnsTheSameEnrichedProfile()
    {
        using var client = fixture.Client();
        var summary = await FirstSummaryAsync(client, "designer");
        var byId = await client.PostAsync("v1/enrich", new { profileId = summary.GetProperty("id").GetString() });
        var byUrl = await client.PostAsync("v1/enrich", new { linkedinUrl = summary.GetProperty("linkedinUrl").GetString() });

        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Equal(HttpStatusCode.OK, byUrl.Status);
        Assert.Equal(byId.Body.GetProperty("id").GetString(), byUrl.Body.GetProperty("id").GetString());
        Assert.Equal(byId.Body.GetProperty("contact").GetRawText(), byUrl.Body.GetProperty("contact").GetRawText());
        Assert.Contains("@", byId.Body.GetProperty("contact").GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.True(byId.Body.TryGetProperty("enrichedAt", out _));
        Assert.NotEqual(0, byId.Body.GetProperty("experience").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"profileId":"jb_unknown"}""", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("""{"linkedinUrl":"https://www.linkedin.com/in/nobody"}""", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{"profileId":"jb_a","linkedinUrl":"https://x"}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{"profileId":5}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    public async Task Enrich_Refusals(string body, HttpStatusCode status, string code)
    {
        using var client = fixture.Client();
        var call = await client.PostRawAsync("v1/enrich", body);
        Assert.Equal(status, call.Status);
        Assert.Equal(code, call.ErrorCode);
    }

    [Fact]
    public async Task EnrichBatch_ReturnsEnrichedProfilesAndNotFound()
    {
        using var client = fixture.Client();
        var ids = await IdsAsync(client, 3);
        var call = await client.PostAsync("v1/enrich/batch", new { profileIds = ids.Prepend("jb_gone") });

        Assert.Equal(HttpStatusCode.OK, call.Status);
        var profiles = call.Body.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(ids, profiles.Select(p => p.GetProperty("id").GetString()));
        Assert.All(profiles, p => Assert.True(p.GetProperty("contact").TryGetProperty("email", out _)));
        Assert.Equal(["jb_gone"], call.Body.GetProperty("notFound").EnumerateArray().Select(id => id.GetString()));
    }

    private static async Task<JsonElement> FirstSummaryAsync(SandboxClient client, string query)
    {
        return (await client.SearchAsync(query, limit: 1)).Body.GetProperty("profiles")[0];
    }

    private static async Task<List<string>> IdsAsync(SandboxClient client, int count)
    {
        var call = await client.SearchAsync("a", limit: count);
        return [.. call.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }
}

using System.Net;
using System.Text.Json;
using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class SearchApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Search_ReturnsSummariesMatchingTheQuery()
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync("title:engineer", limit: 50);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.StartsWith("srch_", call.Body.GetProperty("searchId").GetString(), StringComparison.Ordinal);
        var profiles = call.Body.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(50, profiles.Count);
        Assert.All(profiles, profile => Assert.Contains("engineer", profile.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.All(profiles, profile =>
        {
            foreach (var property in new[] { "id", "name", "title", "company", "location", "linkedinUrl" })
            {
                Assert.False(string.IsNullOrEmpty(profile.GetProperty(property).GetString()), property);
            }

            Assert.NotEqual(0, profile.GetProperty("skills").GetArrayLength());
        });
        Assert.True(call.Body.GetProperty("total").GetInt32() > 50);
        Assert.NotNull(call.Body.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Search_DefaultLimitIsTwenty()
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync("engineer");
        Assert.Equal(20, call.Body.GetProperty("profiles").GetArrayLength());
    }

    [Fact]
    public async Task BareWord_MatchesNameTitleHeadlineCompanyOrSkills()
    {
        using var client = fixture.Client();
        var byCompany = await client.SearchAsync("company:Robotics", limit: 5);
        var bare = await client.SearchAsync("Robotics", limit: 100);
        Assert.True(bare.Body.GetProperty("total").GetInt32() >= byCompany.Body.GetProperty("total").GetInt32());

        var bySkill = await client.SearchAsync("Kubernetes", limit: 100);
        Assert.All(bySkill.Body.GetProperty("profiles").EnumerateArray(), profile =>
            Assert.Contains(profile.GetProperty("skills").EnumerateArray(), skill => skill.GetString()!.Contains("kubernetes", StringComparison.OrdinalIgnoreCase)));

        // Locations are only searched through the location field.
        var bareCity = await client.SearchAsync("Nairobi", limit: 1);
        var cityField = await client.SearchAsync("location:Nairobi", limit: 1);
        Assert.Equal(0, bareCity.Body.GetProperty("total").GetInt32());
        Assert.True(cityField.Body.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task NameField_MatchesFullNamePhrase()
    {
        using var client = fixture.Client();
        var sample = (await client.SearchAsync("engineer", limit: 1)).Body.GetProperty("profiles")[0];
        var name = sample.GetProperty("name").GetString()!;

        var call = await client.SearchAsync($"name:\"{name.ToUpperInvariant()}\"", limit: 100);
        var names = call.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains(name, names);
        Assert.All(names, found => Assert.Equal(name, found, ignoreCase: true));
    }

    [Fact]
    public async Task OrAndParentheses_AreHonoured()
    {
        using var client = fixture.Client();
        var python = Total(await client.SearchAsync("skills:python"));
        var golang = Total(await client.SearchAsync("skills:go"));
        var both = Total(await client.SearchAsync("skills:python skills:go"));
        var either = Total(await client.SearchAsync("skills:(python OR go)"));
        Assert.Equal(python + golang - both, either);
        Assert.True(both > 0 && both < python);
    }

    [Fact]
    public async Task Filters_NarrowResults()
    {
        using var client = fixture.Client();
        var bySkills = await client.SearchAsync("a", limit: 100, filters: new { title = "SENIOR", skills = new[] { "python", "sql" } });
        var byPlace = await client.SearchAsync("a", limit: 100, filters: new { company = "labs", location = "united states" });

        var skilled = bySkills.Body.GetProperty("profiles").EnumerateArray().ToList();
        Assert.NotEmpty(skilled);
        Assert.All(skilled, profile =>
        {
            Assert.Contains("senior", profile.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
            var skills = profile.GetProperty("skills").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("Python", skills);
            Assert.Contains("SQL", skills);
        });

        var placed = byPlace.Body.GetProperty("profiles").EnumerateArray().ToList();
        Assert.NotEmpty(placed);
        Assert.All(placed, profile =>
        {
            Assert.EndsWith(" Labs", profile.GetProperty("company").GetString()!, StringComparison.Ordinal);
            Assert.EndsWith("United States", profile.GetProperty("location").GetString()!, StringComparison.Ordinal);
        });

        var unfiltered = Total(await client.SearchAsync("a"));
        Assert.True(Total(bySkills) < unfiltered && Total(byPlace) < unfiltered);
    }

    [Fact]
    public async Task SkillsFilter_MatchesWholeSkillsOnly()
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync("a", filters: new { skills = new[] { "pyth" } });
        Assert.Equal(0, Total(call));
    }

    [Fact]
    public async Task Cursors_PageToTheEnd_WithoutDuplicates()
    {
        using var client = fixture.Client();
        var ids = new List<string>();
        string? cursor = null;
        var total = -1;
        var pages = 0;
        do
        {
            var call = await client.SearchAsync("title:manager", limit: 37, cursor: cursor);
            Assert.Equal(HttpStatusCode.OK, call.Status);
            total = call.Body.GetProperty("total").GetInt32();
            ids.AddRange(call.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            cursor = call.Body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 1_000);

        Assert.True(total > 37 * 3, $"expected several pages, total {total}");
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((total + 36) / 37, pages);
    }

    [Fact]
    public async Task SameQueryAndCursor_GiveTheSamePage()
    {
        using var client = fixture.Client();
        var first = await client.SearchAsync("skills:sql", limit: 10);
        var cursor = first.Body.GetProperty("nextCursor").GetString();
        var second = await client.SearchAsync("skills:sql", limit: 10, cursor: cursor);
        var again = await client.SearchAsync("skills:sql", limit: 10, cursor: cursor);
        Assert.Equal(second.Body.GetRawText(), again.Body.GetRawText());
        Assert.NotEqual(first.Body.GetProperty("profiles").GetRawText(), second.Body.GetProperty("profiles").GetRawText());
    }

    [Fact]
    public async Task Cursor_FromAnotherQueryOrFilters_IsRejected()
    {
        using var client = fixture.Client();
        var cursor = (await client.SearchAsync("engineer", limit: 5)).Body.GetProperty("nextCursor").GetString();

        var otherQuery = await client.SearchAsync("designer", limit: 5, cursor: cursor);
        var otherFilters = await client.SearchAsync("engineer", limit: 5, cursor: cursor, filters: new { company = "labs" });
        var garbage = await client.SearchAsync("engineer", limit: 5, cursor: "not-a-cursor!");

        Assert.All([otherQuery, otherFilters, garbage], call =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, call.Status);
            Assert.Equal("INVALID_REQUEST", call.ErrorCode);
        });
    }

    [Fact]
    public async Task NoMatches_GivesEmptyLastPage()
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync("\"no such person anywhere\"");
        Assert.Equal(0, Total(call));
        Assert.Equal(0, call.Body.GetProperty("profiles").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, call.Body.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("title:(engineer", 6)]
    [InlineData("engineer \"senior", 9)]
    [InlineData("school:mit", 0)]
    [InlineData("engineer AND", 12)]
    public async Task InvalidQuery_Is400WithPosition(string query, int position)
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Equal("INVALID_QUERY", call.ErrorCode);
        Assert.Equal(position, call.Body.GetProperty("error").GetProperty("details").GetProperty("position").GetInt32());
        Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("error").GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("""{"query":"a","limit":0}""")]
    [InlineData("""{"query":"a","limit":101}""")]
    [InlineData("""{"query":"a","limit":"ten"}""")]
    [InlineData("""{"query":""}""")]
    [InlineData("""{"limit":5}""")]
    [InlineData("""{"query":"a","filters":{"skills":[""]}}""")]
    [InlineData("""{"query":"a","filters":"x"}""")]
    [InlineData("""{"query":""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("")]
    public async Task MalformedSearch_Is400InvalidRequest(string body)
    {
        using var client = fixture.Client();
        var call = await client.PostRawAsync("v1/search", body);
        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Equal("INVALID_REQUEST", call.ErrorCode);
    }

    [Fact]
    public async Task QueryOf500Characters_IsAccepted_And501IsNot()
    {
        using var client = fixture.Client();
        var longest = new string('x', 500);
        Assert.Equal(HttpStatusCode.OK, (await client.SearchAsync(longest)).Status);
        var tooLong = await client.SearchAsync(longest + "x");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("INVALID_REQUEST", tooLong.ErrorCode);
    }

    [Fact]
    public async Task Limit100_IsAccepted()
    {
        using var client = fixture.Client();
        var call = await client.SearchAsync("a", limit: 100);
        Assert.Equal(100, call.Body.GetProperty("profiles").GetArrayLength());
    }

    private static int Total(ApiCall call) => call.Body.GetProperty("total").GetInt32();
}

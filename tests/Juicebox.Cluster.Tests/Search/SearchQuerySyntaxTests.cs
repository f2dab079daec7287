using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.GrainInterfaces.Search;

namespace Juicebox.Cluster.Tests.Search;

/// <summary>
/// The cluster's own query validator against a table of good and bad queries, each cross-checked
/// with the sandbox's answer to the same query: both must accept it, or both refuse it at the same position.
/// </summary>
[Collection(SearchClusterCollection.Name)]
public sealed class SearchQuerySyntaxTests(SearchClusterFixture fixture) : IDisposable
{
    private readonly HttpClient _upstream = new()
    {
        BaseAddress = fixture.Sandbox.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", SearchClusterFixture.UnpacedKey.Key) },
    };

    public static TheoryData<string> WellFormed =>
    [
        "engineer",
        "\"staff engineer\"",
        "title:engineer",
        "Title:\"Staff Engineer\" AND company:acme",
        "skills:(go OR rust) location:berlin",
        "(a OR b) AND (c OR d)",
        "a AND b OR c",
        "name:o'brien",
        "title:AND",
        "and or",
        "title:a:b",
        "c# .net",
        "((engineer))",
        "foo\"bar\"",
        "title:(staff OR \"principal engineer\")",
        "SKILLS:Kafka",
        "company:(acme (labs OR works))",
    ];

    public static TheoryData<string, int> Malformed => new()
    {
        { "\"unclosed", 0 },
        { "title:(a OR \"b", 12 },
        { "(engineer", 0 },
        { "engineer)", 8 },
        { ")", 0 },
        { "a OR", 4 },
        { "a AND ", 6 },
        { "OR a", 0 },
        { "a OR OR b", 5 },
        { "()", 1 },
        { "a ()", 3 },
        { "foo:bar", 0 },
        { "x AND bogus:(a)", 6 },
        { "title:", 6 },
        { "title: engineer", 6 },
        { "title:(a title:b)", 9 },
        { "\"\"", 0 },
        { "a \"  \"", 2 },
        { "(a OR )", 6 },
        { "   ", 3 },
        { ":x", 0 },
        { "title:(", 7 },
        { "foo:bar \"x", 8 },
        { "a AND (b OR c", 6 },
        { "title:)", 6 },
        { "(a) )", 4 },
        { "company:(acme OR)", 16 },
        { "a AND AND b", 6 },
    };

    public void Dispose() => _upstream.Dispose();

    [Theory]
    [MemberData(nameof(WellFormed))]
    public async Task WellFormedQuery_IsAcceptedHere_AndByTheUpstream(string query)
    {
        var ours = SearchQuerySyntax.Validate(query);
        var theirs = await AskUpstreamAsync(query);

        Assert.Null(ours);
        Assert.Null(theirs);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedQuery_IsRefusedHere_AtTheUpstreamsPosition(string query, int position)
    {
        var ours = SearchQuerySyntax.Validate(query);
        var theirs = await AskUpstreamAsync(query);

        Assert.NotNull(ours);
        Assert.False(string.IsNullOrWhiteSpace(ours.Message));
        Assert.Equal(position, theirs);
        Assert.Equal(position, ours.Position);
    }

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void NormalizedQuery_IsWellFormed_AndNormalizesToItself(string query)
    {
        var normalized = SearchQuerySyntax.Normalize(query);

        Assert.Null(SearchQuerySyntax.Validate(normalized));
        Assert.Equal(normalized, SearchQuerySyntax.Normalize(normalized));
    }

    /// <summary>Null when the upstream accepts the query, otherwise the position of its <c>INVALID_QUERY</c>.</summary>
    private async Task<int?> AskUpstreamAsync(string query)
    {
        using var response = await _upstream.PostAsJsonAsync("search", new { query, limit = 1 }, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var error = body.GetProperty("error");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_QUERY"), (response.StatusCode, error.GetProperty("code").GetString()));
        return error.GetProperty("details").GetProperty("position").GetInt32();
    }
}

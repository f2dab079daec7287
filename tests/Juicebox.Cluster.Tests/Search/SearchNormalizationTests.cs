using Juicebox.GrainInterfaces.Search;

namespace Juicebox.Cluster.Tests.Search;

/// <summary>Which searches share a cache entry: the same meaning, however written; never two meanings.</summary>
public sealed class SearchNormalizationTests
{
    public static TheoryData<SearchInput, SearchInput> SameSearch => new()
    {
        { new() { Query = "senior engineer" }, new() { Query = "  SENIOR   Engineer\t" } },
        { new() { Query = "Title:(Staff OR \"Principal Engineer\")" }, new() { Query = "title:( staff OR \"principal engineer\" )" } },
        { new() { Query = "engineer" }, new() { Query = "engineer", Limit = SearchRequests.DefaultLimit } },
        { new() { Query = "x", Title = " Engineer ", Company = "ACME" }, new() { Query = "x", Title = "engineer", Company = "acme" } },
        { new() { Query = "x", Skills = ["Go", "rust", "go"] }, new() { Query = "x", Skills = ["Rust", "GO"] } },
        { new() { Query = "x", Location = "  ", Skills = [] }, new() { Query = "x" } },
        { new() { Query = "x", Cursor = "AQAAAAo" }, new() { Query = "X", Cursor = "AQAAAAo" } },
    };

    public static TheoryData<SearchInput, SearchInput> DifferentSearches => new()
    {
        { new() { Query = "a AND b" }, new() { Query = "a and b" } },
        { new() { Query = "a OR b" }, new() { Query = "a or b" } },
        { new() { Query = "\"senior engineer\"" }, new() { Query = "\"senior  engineer\"" } },
        { new() { Query = "engineer" }, new() { Query = "engineer", Limit = 21 } },
        { new() { Query = "x", Cursor = "AQAAAAo" }, new() { Query = "x", Cursor = "aqaaaao" } },
        { new() { Query = "x", Title = "a" }, new() { Query = "x", Company = "a" } },
        { new() { Query = "x", Skills = ["a,b"] }, new() { Query = "x", Skills = ["a", "b"] } },
    };

    [Theory]
    [MemberData(nameof(SameSearch))]
    public void EquivalentSearches_ShareOneKey(SearchInput one, SearchInput other)
    {
        Assert.Equal(SearchKey.For(Normalize(one)), SearchKey.For(Normalize(other)));
    }

    [Theory]
    [MemberData(nameof(DifferentSearches))]
    public void DifferentSearches_HaveDifferentKeys(SearchInput one, SearchInput other)
    {
        Assert.NotEqual(SearchKey.For(Normalize(one)), SearchKey.For(Normalize(other)));
    }

    [Fact]
    public void CanonicalSearch_IsWhatTheUpstreamIsAsked()
    {
        var query = Normalize(new SearchInput
        {
            Query = " Title:(Staff OR \"Principal  Engineer\")   skills:GO  AND remote ",
            Title = "  Lead ",
            Skills = ["Kafka", " go", "GO", "Rust"],
        });

        Assert.Equal("title:(staff OR \"principal  engineer\") skills:go AND remote", query.Text);
        Assert.Equal((SearchRequests.DefaultLimit, "lead", null, null), (query.Limit, query.Title, query.Company, query.Location));
        Assert.Equal(["go", "kafka", "rust"], query.Skills);
        Assert.StartsWith("search:", SearchKey.For(query), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, "query")]
    [InlineData("", null, null, "query")]
    [InlineData("x", 0, null, "limit")]
    [InlineData("x", 101, null, "limit")]
    [InlineData("x", null, "", "cursor")]
    public void InvalidRequest_NamesTheField(string? text, int? limit, string? cursor, string field)
    {
        Assert.False(SearchRequests.TryNormalize(new SearchInput { Query = text, Limit = limit, Cursor = cursor }, out _, out var error));
        Assert.Equal((SearchRequestError.InvalidRequest, field), (error.Code, error.Field));
    }

    [Fact]
    public void QueryLongerThan500Characters_OrAnEmptySkill_IsInvalid()
    {
        Assert.False(SearchRequests.TryNormalize(new SearchInput { Query = new string('a', 501) }, out _, out var tooLong));
        Assert.True(SearchRequests.TryNormalize(new SearchInput { Query = new string('a', 500) }, out _, out _));
        Assert.False(SearchRequests.TryNormalize(new SearchInput { Query = "x", Skills = ["go", " "] }, out _, out var emptySkill));

        Assert.Equal("query", tooLong.Field);
        Assert.Equal("filters.skills", emptySkill.Field);
    }

    [Fact]
    public void MalformedQuery_IsAnInvalidQueryWithItsPosition()
    {
        Assert.False(SearchRequests.TryNormalize(new SearchInput { Query = "title:(staff OR" }, out _, out var error));

        Assert.Equal((SearchRequestError.InvalidQuery, "query", 15), (error.Code, error.Field, error.Position));
    }

    private static SearchQuery Normalize(SearchInput input)
    {
        Assert.True(SearchRequests.TryNormalize(input, out var query, out var error), $"should be valid: {error}");
        return query;
    }
}

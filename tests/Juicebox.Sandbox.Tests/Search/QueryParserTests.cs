using Juicebox.Sandbox.Search;

namespace Juicebox.Sandbox.Tests.Search;

public sealed class QueryParserTests
{
    private static TermNode Any(string text, bool phrase = false) => new(QueryField.Any, text, phrase);

    private static TermNode In(QueryField field, string text, bool phrase = false) => new(field, text, phrase);

    [Fact]
    public void BareWord_IsAnyFieldTerm()
    {
        Assert.Equal(Any("engineer"), QueryParser.Parse("engineer"));
    }

    [Fact]
    public void AdjacentTerms_AreAnded()
    {
        Assert.Equal(new AndNode([Any("senior"), Any("engineer")]), QueryParser.Parse("senior engineer"));
    }

    [Fact]
    public void ExplicitAnd_EqualsAdjacency()
    {
        Assert.Equal(QueryParser.Parse("senior engineer"), QueryParser.Parse("senior AND engineer"));
    }

    [Fact]
    public void Or_BindsLooserThanAnd()
    {
        var expected = new OrNode([new AndNode([Any("a"), Any("b")]), Any("c")]);
        Assert.Equal(expected, QueryParser.Parse("a b OR c"));
        Assert.Equal(expected, QueryParser.Parse("a AND b OR c"));
    }

    [Fact]
    public void Parentheses_OverridePrecedence()
    {
        Assert.Equal(new AndNode([Any("a"), new OrNode([Any("b"), Any("c")])]), QueryParser.Parse("a (b OR c)"));
    }

    [Fact]
    public void QuotedPhrase_KeepsSpaces()
    {
        Assert.Equal(Any("machine learning", phrase: true), QueryParser.Parse("\"machine learning\""));
    }

    [Theory]
    [InlineData("name:ana", nameof(QueryField.Name), "ana")]
    [InlineData("title:engineer", nameof(QueryField.Title), "engineer")]
    [InlineData("company:acme", nameof(QueryField.Company), "acme")]
    [InlineData("location:berlin", nameof(QueryField.Location), "berlin")]
    [InlineData("skills:python", nameof(QueryField.Skills), "python")]
    [InlineData("TITLE:engineer", nameof(QueryField.Title), "engineer")]
    [InlineData("skills:c#", nameof(QueryField.Skills), "c#")]
    [InlineData("skills:node.js", nameof(QueryField.Skills), "node.js")]
    public void FieldClause_TargetsField(string query, string field, string text)
    {
        Assert.Equal(In(Enum.Parse<QueryField>(field), text), QueryParser.Parse(query));
    }

    [Fact]
    public void FieldClause_WithQuotedValue()
    {
        Assert.Equal(In(QueryField.Title, "product manager", phrase: true), QueryParser.Parse("title:\"product manager\""));
    }

    [Fact]
    public void FieldClause_WithGroup_AppliesFieldToEveryTerm()
    {
        var expected = new OrNode([In(QueryField.Skills, "go"), In(QueryField.Skills, "rust"), In(QueryField.Skills, "machine learning", phrase: true)]);
        Assert.Equal(expected, QueryParser.Parse("skills:(go OR rust OR \"machine learning\")"));
    }

    [Fact]
    public void LowerCaseOperators_AreWords()
    {
        Assert.Equal(new AndNode([Any("rock"), Any("and"), Any("roll")]), QueryParser.Parse("rock and roll"));
    }

    [Fact]
    public void FieldValue_MayLookLikeAnOperator()
    {
        Assert.Equal(In(QueryField.Name, "OR"), QueryParser.Parse("name:OR"));
    }

    [Fact]
    public void ComplexQuery_ParsesToExpectedTree()
    {
        var expected = new AndNode(
        [
            new OrNode([In(QueryField.Title, "engineer"), In(QueryField.Title, "developer")]),
            In(QueryField.Location, "new york", phrase: true),
            new OrNode([In(QueryField.Skills, "python"), new AndNode([Any("go"), Any("kubernetes")])]),
        ]);
        var actual = QueryParser.Parse("title:(engineer OR developer) AND location:\"new york\" (skills:python OR (go kubernetes))");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NestedParentheses_AndWhitespace_AreTolerated()
    {
        Assert.Equal(Any("x"), QueryParser.Parse("  ((( x )))  "));
    }

    [Theory]
    [InlineData("\"open phrase", 0)]
    [InlineData("engineer \"open", 9)]
    [InlineData("title:\"open", 6)]
    [InlineData("(engineer", 0)]
    [InlineData("a (b (c)", 2)]
    [InlineData("engineer)", 8)]
    [InlineData("(a) b)", 5)]
    [InlineData(")", 0)]
    [InlineData("foo:bar", 0)]
    [InlineData("engineer employer:acme", 9)]
    [InlineData(":bar", 0)]
    [InlineData("()", 1)]
    [InlineData("a ( ) b", 4)]
    [InlineData("title:", 6)]
    [InlineData("title: engineer", 6)]
    [InlineData("title:()", 7)]
    [InlineData("a AND", 5)]
    [InlineData("a OR", 4)]
    [InlineData("OR a", 0)]
    [InlineData("AND", 0)]
    [InlineData("a OR OR b", 5)]
    [InlineData("a AND OR b", 6)]
    [InlineData("(a OR )", 6)]
    [InlineData("\"\"", 0)]
    [InlineData("a \"  \"", 2)]
    [InlineData("   ", 3)]
    [InlineData("title:(company:acme)", 7)]
    [InlineData("title:(a OR", 11)]
    public void InvalidQuery_ReportsPosition(string query, int position)
    {
        var exception = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query));
        Assert.Equal(position, exception.Position);
    }

    [Fact]
    public void UnknownField_MessageNamesTheField()
    {
        var exception = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse("school:mit"));
        Assert.Contains("'school'", exception.Message, StringComparison.Ordinal);
    }
}

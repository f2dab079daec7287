using Juicebox.Sandbox.Corpus;
using Juicebox.Sandbox.Search;

namespace Juicebox.Sandbox.Tests.Search;

public sealed class ProfileMatcherTests
{
    private static readonly SandboxCorpus _corpus = new(42, 3_000);

    [Theory]
    [InlineData("name:an")]
    [InlineData("name:\"a v\"")]
    [InlineData("name:\"beatriz vargas\"")]
    [InlineData("title:senior")]
    [InlineData("company:\"harbor r\"")]
    [InlineData("location:germany")]
    [InlineData("skills:script")]
    [InlineData("engineer OR \"data\"")]
    [InlineData("(python OR go) title:(staff OR principal)")]
    public void Matcher_AgreesWithPlainStringMatching(string query)
    {
        var matcher = ProfileMatcher.Compile(QueryParser.Parse(query), filters: null, _corpus.Vocabulary);
        var hits = 0;
        for (var i = 0; i < _corpus.Count; i++)
        {
            var profile = _corpus.GetProfile(i);
            var expected = Evaluate(QueryParser.Parse(query), profile);
            Assert.True(expected == matcher.Matches(_corpus.Cores[i]), $"{query} on {profile.Name} / {profile.Title}");
            hits += expected ? 1 : 0;
        }

        Assert.InRange(hits, 1, _corpus.Count - 1);
    }

    private static bool Evaluate(QueryNode node, Profile profile)
    {
        return node switch
        {
            AndNode and => and.Children.All(child => Evaluate(child, profile)),
            OrNode or => or.Children.Any(child => Evaluate(child, profile)),
            TermNode term => Fields(term.Field, profile).Any(value => value.Contains(term.Text, StringComparison.OrdinalIgnoreCase)),
            _ => throw new ArgumentOutOfRangeException(nameof(node)),
        };
    }

    private static IEnumerable<string> Fields(QueryField field, Profile profile)
    {
        return field switch
        {
            QueryField.Name => [profile.Name],
            QueryField.Title => [profile.Title],
            QueryField.Company => [profile.Company],
            QueryField.Location => [profile.Location],
            QueryField.Skills => profile.Skills,
            _ => [profile.Name, profile.Title, profile.Headline, profile.Company, .. profile.Skills],
        };
    }
}

using System.Text;

namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// The upstream's search query grammar: free text and <c>field:value</c> clauses combined with
/// <c>AND</c>, <c>OR</c> and parentheses. Checked here so that a malformed query is refused before it
/// spends quota, with the position the upstream would report.
/// </summary>
public static class SearchQuerySyntax
{
    /// <summary>The first syntax error of <paramref name="query"/>, or null when it is well formed.</summary>
    public static SearchQueryError? Validate(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tokens = new List<SearchQueryToken>();
        return SearchQueryScanner.Scan(query, tokens) ?? SearchQueryChecker.Check(tokens);
    }

    /// <summary>
    /// The canonical form of a well-formed query: one space between tokens (none inside
    /// <c>field:(...)</c> or after a colon), terms, phrases and field names in lower case, operators in
    /// upper case. Matching is case-insensitive, so the canonical form finds exactly what the original
    /// finds; a phrase keeps its inner whitespace, since a phrase is matched as written.
    /// </summary>
    /// <exception cref="ArgumentException">The query has a syntax error.</exception>
    public static string Normalize(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tokens = new List<SearchQueryToken>();
        if ((SearchQueryScanner.Scan(query, tokens) ?? SearchQueryChecker.Check(tokens)) is { } error)
        {
            throw new ArgumentException($"The query is not well formed at {error.Position}: {error.Message}", nameof(query));
        }

        var text = new StringBuilder(query.Length);
        SearchQueryTokenKind? previous = null;
        foreach (var token in tokens)
        {
            if (token.Kind == SearchQueryTokenKind.End)
            {
                break;
            }

            if (previous is { } before && before is not (SearchQueryTokenKind.Field or SearchQueryTokenKind.Open)
                && token.Kind != SearchQueryTokenKind.Close)
            {
                text.Append(' ');
            }

            _ = token.Kind switch
            {
                SearchQueryTokenKind.Term => text.Append(token.Text.ToLowerInvariant()),
                SearchQueryTokenKind.Phrase => text.Append('"').Append(token.Text.ToLowerInvariant()).Append('"'),
                SearchQueryTokenKind.Field => text.Append(token.Text.ToLowerInvariant()).Append(':'),
                SearchQueryTokenKind.Open => text.Append('('),
                SearchQueryTokenKind.Close => text.Append(')'),
                SearchQueryTokenKind.And => text.Append("AND"),
                SearchQueryTokenKind.Or => text.Append("OR"),
                _ => throw new InvalidOperationException($"Unexpected token {token.Kind}."),
            };
            previous = token.Kind;
        }

        return text.ToString();
    }
}

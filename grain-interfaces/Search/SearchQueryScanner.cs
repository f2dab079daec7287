namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// Cuts a query into tokens. Whitespace, parentheses and double quotes end a word; a word with a
/// colon is a field prefix followed by its value (everything after the first colon).
/// </summary>
internal static class SearchQueryScanner
{
    /// <summary>The tokens, ending with <see cref="SearchQueryTokenKind.End"/>; or the unclosed quote.</summary>
    public static SearchQueryError? Scan(string query, List<SearchQueryToken> tokens)
    {
        var at = 0;
        while (true)
        {
            while (at < query.Length && char.IsWhiteSpace(query[at]))
            {
                at++;
            }

            if (at == query.Length)
            {
                tokens.Add(new SearchQueryToken(SearchQueryTokenKind.End, string.Empty, at, at));
                return null;
            }

            switch (query[at])
            {
                case '(':
                    tokens.Add(new SearchQueryToken(SearchQueryTokenKind.Open, "(", at, at + 1));
                    at++;
                    break;
                case ')':
                    tokens.Add(new SearchQueryToken(SearchQueryTokenKind.Close, ")", at, at + 1));
                    at++;
                    break;
                case '"':
                    var closing = query.IndexOf('"', at + 1);
                    if (closing < 0)
                    {
                        return new SearchQueryError("Unbalanced quote: the phrase that starts here is never closed.", at);
                    }

                    tokens.Add(new SearchQueryToken(SearchQueryTokenKind.Phrase, query[(at + 1)..closing], at, closing + 1));
                    at = closing + 1;
                    break;
                default:
                    at = ScanWord(query, at, tokens);
                    break;
            }
        }
    }

    private static int ScanWord(string query, int start, List<SearchQueryToken> tokens)
    {
        var end = start;
        while (end < query.Length && !EndsWord(query[end]))
        {
            end++;
        }

        var word = query[start..end];
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            var kind = string.Equals(word, "AND", StringComparison.Ordinal) ? SearchQueryTokenKind.And
                : string.Equals(word, "OR", StringComparison.Ordinal) ? SearchQueryTokenKind.Or
                : SearchQueryTokenKind.Term;
            tokens.Add(new SearchQueryToken(kind, word, start, end));
            return end;
        }

        var valueStart = start + colon + 1;
        tokens.Add(new SearchQueryToken(SearchQueryTokenKind.Field, word[..colon], start, valueStart));
        if (valueStart < end)
        {
            tokens.Add(new SearchQueryToken(SearchQueryTokenKind.Term, query[valueStart..end], valueStart, end));
        }

        return end;
    }

    private static bool EndsWord(char c) => c is '(' or ')' or '"' || char.IsWhiteSpace(c);
}

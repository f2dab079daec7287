namespace Juicebox.Sandbox.Search;

/// <summary>
/// Splits a query into tokens. A word followed by a colon is a field name (<c>title:</c>); the
/// value after it is the next token. <c>AND</c> and <c>OR</c> are operators only in upper case.
/// </summary>
internal static class QueryLexer
{
    public static List<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (true)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            if (i >= query.Length)
            {
                tokens.Add(new QueryToken(QueryTokenKind.End, "", query.Length, query.Length));
                return tokens;
            }

            var c = query[i];
            if (c == '(')
            {
                tokens.Add(new QueryToken(QueryTokenKind.OpenParen, "(", i, i + 1));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new QueryToken(QueryTokenKind.CloseParen, ")", i, i + 1));
                i++;
            }
            else if (c == '"')
            {
                var close = query.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new QuerySyntaxException("Unbalanced quote: this phrase is never closed.", i);
                }

                tokens.Add(new QueryToken(QueryTokenKind.Phrase, query[(i + 1)..close], i, close + 1));
                i = close + 1;
            }
            else
            {
                i = ReadWord(query, i, tokens);
            }
        }
    }

    private static int ReadWord(string query, int start, List<QueryToken> tokens)
    {
        var end = start;
        while (end < query.Length && !IsDelimiter(query[end]))
        {
            end++;
        }

        var colon = query.IndexOf(':', start, end - start);
        if (colon >= 0)
        {
            tokens.Add(new QueryToken(QueryTokenKind.Field, query[start..colon], start, colon + 1));
            if (colon + 1 < end)
            {
                tokens.Add(new QueryToken(QueryTokenKind.Word, query[(colon + 1)..end], colon + 1, end));
            }

            return end;
        }

        var text = query[start..end];
        var kind = text switch
        {
            "AND" => QueryTokenKind.And,
            "OR" => QueryTokenKind.Or,
            _ => QueryTokenKind.Word,
        };
        tokens.Add(new QueryToken(kind, text, start, end));
        return end;
    }

    private static bool IsDelimiter(char c)
    {
        return char.IsWhiteSpace(c) || c is '(' or ')' or '"';
    }
}

namespace Juicebox.Sandbox.Search;

/// <summary>The kinds of token a query is made of.</summary>
internal enum QueryTokenKind
{
    Word,
    Phrase,
    Field,
    OpenParen,
    CloseParen,
    And,
    Or,
    End,
}

/// <summary>
/// One token: its kind, its text (the word, the phrase without quotes, or the field name), and
/// where it starts and ends in the query.
/// </summary>
internal readonly record struct QueryToken(QueryTokenKind Kind, string Text, int Start, int End);

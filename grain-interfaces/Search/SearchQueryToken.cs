namespace Juicebox.GrainInterfaces.Search;

/// <summary>What a piece of a search query is.</summary>
internal enum SearchQueryTokenKind
{
    /// <summary>A bare word, or the value right after <c>field:</c>.</summary>
    Term,

    /// <summary>A <c>"quoted phrase"</c>; the text is without its quotes.</summary>
    Phrase,

    /// <summary>A <c>name:</c> prefix; the text is the name without the colon.</summary>
    Field,

    Open,
    Close,

    /// <summary><c>AND</c>, an operator only in upper case.</summary>
    And,

    /// <summary><c>OR</c>, an operator only in upper case.</summary>
    Or,

    /// <summary>The end of the query; it starts at the query's length.</summary>
    End,
}

/// <summary>One piece of a search query, where it starts, and the offset just after it.</summary>
internal readonly record struct SearchQueryToken(SearchQueryTokenKind Kind, string Text, int Start, int End);

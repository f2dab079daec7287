namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// Checks the grammar of a scanned query, reporting the first problem where the upstream reports it:
/// <code>
/// query     := anyOf End
/// anyOf     := allOf ( "OR" allOf )*
/// allOf     := clause ( "AND"? clause )*          adjacent clauses are ANDed
/// clause    := Term | Phrase | group | Field value
/// value     := Term | Phrase | group               directly after the colon, no space
/// group     := "(" anyOf ")"                       inside a field's group no other field may appear
/// </code>
/// An unbalanced quote is found first, while scanning; then the first failing token decides.
/// </summary>
internal sealed class SearchQueryChecker
{
    private static readonly string[] _fields = ["name", "title", "company", "location", "skills"];

    private readonly IReadOnlyList<SearchQueryToken> _tokens;
    private int _index;
    private int _openGroups;

    private SearchQueryChecker(IReadOnlyList<SearchQueryToken> tokens)
    {
        _tokens = tokens;
    }

    private SearchQueryToken Next => _tokens[_index];

    /// <summary>The first problem of the query, or null when it is well formed.</summary>
    public static SearchQueryError? Check(IReadOnlyList<SearchQueryToken> tokens)
    {
        var checker = new SearchQueryChecker(tokens);
        var error = checker.AnyOf(insideFieldValue: false);
        if (error is null && checker.Next.Kind == SearchQueryTokenKind.Close)
        {
            error = UnopenedParenthesis(checker.Next);
        }

        return error;
    }

    /// <summary>True for the five fields a clause may name, in any case.</summary>
    public static bool IsKnownField(string name) =>
        Array.Exists(_fields, field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase));

    private SearchQueryError? AnyOf(bool insideFieldValue)
    {
        var error = AllOf(insideFieldValue);
        while (error is null && Next.Kind == SearchQueryTokenKind.Or)
        {
            _index++;
            error = AllOf(insideFieldValue);
        }

        return error;
    }

    private SearchQueryError? AllOf(bool insideFieldValue)
    {
        var error = Clause(insideFieldValue);
        while (error is null)
        {
            if (Next.Kind == SearchQueryTokenKind.And)
            {
                _index++;
            }
            else if (Next.Kind is not (SearchQueryTokenKind.Term or SearchQueryTokenKind.Phrase or SearchQueryTokenKind.Open or SearchQueryTokenKind.Field))
            {
                break;
            }

            error = Clause(insideFieldValue);
        }

        return error;
    }

    private SearchQueryError? Clause(bool insideFieldValue)
    {
        var token = Next;
        switch (token.Kind)
        {
            case SearchQueryTokenKind.Term:
                _index++;
                return null;
            case SearchQueryTokenKind.Phrase:
                return PhraseValue(token);
            case SearchQueryTokenKind.Open:
                return Group(insideFieldValue);
            case SearchQueryTokenKind.Field when insideFieldValue:
                return new SearchQueryError($"A field clause ('{token.Text}:') cannot appear inside another field's value.", token.Start);
            case SearchQueryTokenKind.Field:
                return FieldClause(token);
            case SearchQueryTokenKind.Close when _openGroups == 0:
                return UnopenedParenthesis(token);
            case SearchQueryTokenKind.End:
                return new SearchQueryError("Empty clause: the query ends where a term is expected.", token.Start);
            default:
                return new SearchQueryError($"Empty clause: a term is expected before '{token.Text}'.", token.Start);
        }
    }

    private SearchQueryError? PhraseValue(SearchQueryToken phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase.Text))
        {
            return new SearchQueryError("Empty clause: the quoted phrase is empty.", phrase.Start);
        }

        _index++;
        return null;
    }

    private SearchQueryError? Group(bool insideFieldValue)
    {
        var open = Next;
        _index++;
        if (Next.Kind == SearchQueryTokenKind.Close)
        {
            return new SearchQueryError("Empty clause: there is nothing between these parentheses.", Next.Start);
        }

        _openGroups++;
        var error = AnyOf(insideFieldValue);
        _openGroups--;
        if (error is not null)
        {
            return error;
        }

        if (Next.Kind != SearchQueryTokenKind.Close)
        {
            return new SearchQueryError("Unbalanced parenthesis: the '(' here is never closed.", open.Start);
        }

        _index++;
        return null;
    }

    private SearchQueryError? FieldClause(SearchQueryToken field)
    {
        if (!IsKnownField(field.Text))
        {
            return new SearchQueryError(
                $"Unknown field '{field.Text}': a clause can name name, title, company, location or skills.", field.Start);
        }

        _index++;
        var value = Next;
        if (value.Start != field.End || value.Kind is not (SearchQueryTokenKind.Term or SearchQueryTokenKind.Phrase or SearchQueryTokenKind.Open))
        {
            return new SearchQueryError($"Empty clause: '{field.Text}:' must be followed directly by its value.", field.End);
        }

        switch (value.Kind)
        {
            case SearchQueryTokenKind.Open:
                return Group(insideFieldValue: true);
            case SearchQueryTokenKind.Phrase:
                return PhraseValue(value);
            default:
                _index++;
                return null;
        }
    }

    private static SearchQueryError UnopenedParenthesis(SearchQueryToken close) =>
        new("Unbalanced parenthesis: this ')' closes nothing.", close.Start);
}

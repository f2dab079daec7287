namespace Juicebox.Sandbox.Search;

/// <summary>
/// A recursive-descent parser for search queries:
/// <code>
/// query   = or END
/// or      = and { "OR" and }
/// and     = primary { ["AND"] primary }        (adjacent terms are ANDed)
/// primary = WORD | PHRASE | "(" or ")" | FIELD ":" value
/// value   = WORD | PHRASE | "(" or ")"          (the group's terms all look in FIELD)
/// </code>
/// OR binds looser than AND. Errors carry the 0-based offset of the offending token, or the
/// query's length when it ended too early.
/// </summary>
internal sealed class QueryParser
{
    private readonly List<QueryToken> _tokens;
    private int _next;
    private int _depth;

    private QueryParser(List<QueryToken> tokens)
    {
        _tokens = tokens;
    }

    private QueryToken Current => _tokens[_next];

    public static QueryNode Parse(string query)
    {
        var parser = new QueryParser(QueryLexer.Tokenize(query));
        var root = parser.ParseOr(QueryField.Any, inFieldValue: false);
        if (parser.Current.Kind == QueryTokenKind.CloseParen)
        {
            throw new QuerySyntaxException("Unbalanced parenthesis: there is no '(' to close.", parser.Current.Start);
        }

        return root;
    }

    private QueryNode ParseOr(QueryField field, bool inFieldValue)
    {
        var children = new List<QueryNode> { ParseAnd(field, inFieldValue) };
        while (Current.Kind == QueryTokenKind.Or)
        {
            _next++;
            children.Add(ParseAnd(field, inFieldValue));
        }

        return children.Count == 1 ? children[0] : new OrNode(children);
    }

    private QueryNode ParseAnd(QueryField field, bool inFieldValue)
    {
        var children = new List<QueryNode> { ParsePrimary(field, inFieldValue) };
        while (true)
        {
            if (Current.Kind == QueryTokenKind.And)
            {
                _next++;
            }
            else if (!StartsPrimary(Current.Kind))
            {
                break;
            }

            children.Add(ParsePrimary(field, inFieldValue));
        }

        return children.Count == 1 ? children[0] : new AndNode(children);
    }

    private QueryNode ParsePrimary(QueryField field, bool inFieldValue)
    {
        var token = Current;
        switch (token.Kind)
        {
            case QueryTokenKind.Word:
                _next++;
                return new TermNode(field, token.Text, IsPhrase: false);
            case QueryTokenKind.Phrase:
                _next++;
                return Phrase(field, token);
            case QueryTokenKind.OpenParen:
                return ParseGroup(field, inFieldValue);
            case QueryTokenKind.Field:
                if (inFieldValue)
                {
                    throw new QuerySyntaxException("A field clause cannot appear inside another field's value.", token.Start);
                }

                return ParseFieldClause(token);
            case QueryTokenKind.CloseParen when _depth == 0:
                throw new QuerySyntaxException("Unbalanced parenthesis: there is no '(' to close.", token.Start);
            case QueryTokenKind.End:
                throw new QuerySyntaxException("Empty clause: the query ended where a term was expected.", token.Start);
            default:
                throw new QuerySyntaxException($"Empty clause: expected a term before '{token.Text}'.", token.Start);
        }
    }

    private QueryNode ParseGroup(QueryField field, bool inFieldValue)
    {
        var open = Current;
        _next++;
        if (Current.Kind == QueryTokenKind.CloseParen)
        {
            throw new QuerySyntaxException("Empty clause: nothing between the parentheses.", Current.Start);
        }

        _depth++;
        var inner = ParseOr(field, inFieldValue);
        _depth--;
        if (Current.Kind != QueryTokenKind.CloseParen)
        {
            throw new QuerySyntaxException("Unbalanced parenthesis: this '(' is never closed.", open.Start);
        }

        _next++;
        return inner;
    }

    private QueryNode ParseFieldClause(QueryToken fieldToken)
    {
        if (!TryParseField(fieldToken.Text, out var field))
        {
            throw new QuerySyntaxException(
                $"Unknown field '{fieldToken.Text}'; use name, title, company, location or skills.", fieldToken.Start);
        }

        _next++;
        var value = Current;
        if (value.Start != fieldToken.End || value.Kind is not (QueryTokenKind.Word or QueryTokenKind.Phrase or QueryTokenKind.OpenParen))
        {
            throw new QuerySyntaxException($"Empty clause: '{fieldToken.Text}:' has no value.", fieldToken.End);
        }

        if (value.Kind == QueryTokenKind.OpenParen)
        {
            return ParseGroup(field, inFieldValue: true);
        }

        _next++;
        return value.Kind == QueryTokenKind.Phrase ? Phrase(field, value) : new TermNode(field, value.Text, IsPhrase: false);
    }

    private static TermNode Phrase(QueryField field, QueryToken token)
    {
        if (string.IsNullOrWhiteSpace(token.Text))
        {
            throw new QuerySyntaxException("Empty clause: the quoted phrase is empty.", token.Start);
        }

        return new TermNode(field, token.Text.Trim(), IsPhrase: true);
    }

    private static bool StartsPrimary(QueryTokenKind kind)
    {
        return kind is QueryTokenKind.Word or QueryTokenKind.Phrase or QueryTokenKind.OpenParen or QueryTokenKind.Field;
    }

    private static bool TryParseField(string name, out QueryField field)
    {
        field = name.ToLowerInvariant() switch
        {
            "name" => QueryField.Name,
            "title" => QueryField.Title,
            "company" => QueryField.Company,
            "location" => QueryField.Location,
            "skills" => QueryField.Skills,
            _ => QueryField.Any,
        };
        return field != QueryField.Any;
    }
}

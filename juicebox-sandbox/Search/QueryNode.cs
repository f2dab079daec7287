namespace Juicebox.Sandbox.Search;

/// <summary>A parsed search query: terms combined with AND and OR.</summary>
internal abstract record QueryNode;

/// <summary>A word or phrase that must occur (case-insensitively) in a field.</summary>
internal sealed record TermNode(QueryField Field, string Text, bool IsPhrase) : QueryNode;

/// <summary>Every child must match.</summary>
internal sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public bool Equals(AndNode? other)
    {
        return other is not null && Children.SequenceEqual(other.Children);
    }

    public override int GetHashCode()
    {
        return Children.Count;
    }
}

/// <summary>At least one child must match.</summary>
internal sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public bool Equals(OrNode? other)
    {
        return other is not null && Children.SequenceEqual(other.Children);
    }

    public override int GetHashCode()
    {
        return Children.Count;
    }
}

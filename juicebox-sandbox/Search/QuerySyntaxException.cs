namespace Juicebox.Sandbox.Search;

/// <summary>A query that does not parse; <see cref="Position"/> is the 0-based offset of the problem.</summary>
internal sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}

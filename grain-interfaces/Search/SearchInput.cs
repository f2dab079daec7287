namespace Juicebox.GrainInterfaces.Search;

/// <summary>A search as a caller sent it: the upstream's body, flattened, before any check.</summary>
public sealed record SearchInput
{
    public string? Query { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string?>? Skills { get; init; }
}

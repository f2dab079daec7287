namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// A search in its canonical form (made by <see cref="SearchRequests.TryNormalize"/>): the query
/// normalized, the filters trimmed and in lower case, skills sorted and distinct, the default limit
/// applied, the cursor as given. Searches that find the same page have the same canonical form, and
/// so the same <see cref="SearchKey"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.SearchQuery")]
public sealed record class SearchQuery
{
    [Id(0)] public required string Text { get; init; }
    [Id(1)] public required int Limit { get; init; }
    [Id(2)] public string? Cursor { get; init; }
    [Id(3)] public string? Title { get; init; }
    [Id(4)] public string? Company { get; init; }
    [Id(5)] public string? Location { get; init; }
    [Id(6)] public IReadOnlyList<string> Skills { get; init; } = [];
}

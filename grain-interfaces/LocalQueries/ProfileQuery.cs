namespace Juicebox.GrainInterfaces.LocalQueries;

/// <summary>
/// A query over the stored profiles. Every filter is optional and they combine with AND:
/// <see cref="Company"/>, <see cref="Location"/> and <see cref="Title"/> match when the field contains
/// the text (case-insensitive), <see cref="Skills"/> when the profile lists every one of them (whole
/// skill, case-insensitive). Blank text filters are ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileQuery")]
public sealed record class ProfileQuery
{
    [Id(0)] public string? Company { get; init; }
    [Id(1)] public string? Location { get; init; }
    [Id(2)] public IReadOnlyList<string> Skills { get; init; } = [];
    [Id(3)] public string? Title { get; init; }

    /// <summary>True: only enriched profiles; false: only profiles never enriched; null: both.</summary>
    [Id(4)] public bool? Enriched { get; init; }

    /// <summary>Only profiles whose upstream <c>updatedAt</c> is at or after this instant.</summary>
    [Id(5)] public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>The <see cref="ProfileQueryPage.NextCursor"/> of the previous page of the same query, or null for the first page.</summary>
    [Id(6)] public string? Cursor { get; init; }

    /// <summary>The page size, 1..<see cref="ProfileQueryRules.MaxLimit"/>.</summary>
    [Id(7)] public int Limit { get; init; } = ProfileQueryRules.DefaultLimit;
}

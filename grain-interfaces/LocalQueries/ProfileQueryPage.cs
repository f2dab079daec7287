namespace Juicebox.GrainInterfaces.LocalQueries;

/// <summary>One page of a <see cref="ProfileQuery"/>; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileQueryPage")]
public sealed record class ProfileQueryPage
{
    [Id(0)] public required IReadOnlyList<ProfileListing> Items { get; init; }
    [Id(1)] public string? NextCursor { get; init; }
}

/// <summary>
/// A stored profile as the local queries list it: its summary and dates, never its contact block
/// (contact data stays in the profile grain's state and is not copied to the queryable table).
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileListing")]
public sealed record class ProfileListing
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Title { get; init; }
    [Id(3)] public string? Company { get; init; }
    [Id(4)] public string? Location { get; init; }
    [Id(5)] public string? LinkedinUrl { get; init; }
    [Id(6)] public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>The upstream's <c>updatedAt</c> of the stored copy.</summary>
    [Id(7)] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the profile was enriched, or null if it never was.</summary>
    [Id(8)] public DateTimeOffset? EnrichedAt { get; init; }
}

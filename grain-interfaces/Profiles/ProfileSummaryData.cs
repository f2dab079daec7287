namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// The short form of a person that search results carry: no headline, experience or education, so
/// never a substitute for the full <see cref="ProfileData"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileSummaryData")]
public sealed record class ProfileSummaryData
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Title { get; init; }
    [Id(3)] public string? Company { get; init; }
    [Id(4)] public string? Location { get; init; }
    [Id(5)] public string? LinkedinUrl { get; init; }
    [Id(6)] public IReadOnlyList<string> Skills { get; init; } = [];
}

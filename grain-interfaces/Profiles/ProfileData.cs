namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>A Juicebox profile as the cluster holds it; <see cref="Contact"/> is set once enriched.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileData")]
public sealed record class ProfileData
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Title { get; init; }
    [Id(3)] public string? Company { get; init; }
    [Id(4)] public string? Location { get; init; }
    [Id(5)] public string? LinkedinUrl { get; init; }
    [Id(6)] public IReadOnlyList<string> Skills { get; init; } = [];
    [Id(7)] public string? Headline { get; init; }
    [Id(8)] public IReadOnlyList<ExperienceData> Experience { get; init; } = [];
    [Id(9)] public IReadOnlyList<EducationData> Education { get; init; } = [];
    [Id(10)] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// Rendered last, so that the JSON without it is a prefix of the JSON with it (<see cref="ProfileJson.Render(ProfileData, out int?)"/>).
    /// </summary>
    [Id(11), System.Text.Json.Serialization.JsonPropertyOrder(1)] public ContactData? Contact { get; init; }
    [Id(12)] public DateTimeOffset? EnrichedAt { get; init; }
}

/// <summary>One position; dates are <c>YYYY-MM</c>.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ExperienceData")]
public sealed record class ExperienceData
{
    [Id(0)] public required string Company { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required string StartDate { get; init; }
    [Id(3)] public string? EndDate { get; init; }
    [Id(4)] public string? Description { get; init; }
}

/// <summary>One school.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.EducationData")]
public sealed record class EducationData
{
    [Id(0)] public required string School { get; init; }
    [Id(1)] public string? Degree { get; init; }
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public int? StartYear { get; init; }
    [Id(4)] public int? EndYear { get; init; }
}

/// <summary>Contact data from enrichment: personal data, never logged.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ContactData")]
public sealed record class ContactData
{
    [Id(0)] public string? Email { get; init; }
    [Id(1)] public string? PersonalEmail { get; init; }
    [Id(2)] public string? Phone { get; init; }
}

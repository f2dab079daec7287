using System.Text.Json.Serialization;

namespace Juicebox.Sandbox.Corpus;

/// <summary>The short form of a person, as search results carry it.</summary>
public class ProfileSummary
{
    [JsonPropertyOrder(-7)]
    public required string Id { get; init; }

    [JsonPropertyOrder(-6)]
    public required string Name { get; init; }

    [JsonPropertyOrder(-5)]
    public required string Title { get; init; }

    [JsonPropertyOrder(-4)]
    public required string Company { get; init; }

    [JsonPropertyOrder(-3)]
    public required string Location { get; init; }

    [JsonPropertyOrder(-2)]
    public required string LinkedinUrl { get; init; }

    [JsonPropertyOrder(-1)]
    public required IReadOnlyList<string> Skills { get; init; }
}

/// <summary>A full profile.</summary>
public class Profile : ProfileSummary
{
    public required string Headline { get; init; }

    public required IReadOnlyList<ExperienceEntry> Experience { get; init; }

    public required IReadOnlyList<EducationEntry> Education { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A profile with its contact block, as enrichment returns it.</summary>
public sealed class EnrichedProfile : Profile
{
    public required ContactInfo Contact { get; init; }

    public required DateTimeOffset EnrichedAt { get; init; }
}

/// <summary>One position; dates are <c>YYYY-MM</c>, and a current position has no end date.</summary>
public sealed record ExperienceEntry(string Company, string Title, string StartDate, string? EndDate, string? Description);

/// <summary>One school.</summary>
public sealed record EducationEntry(string School, string? Degree, string? Field, int? StartYear, int? EndYear);

/// <summary>Contact data; synthetic, but shaped like the personal data the real service returns.</summary>
public sealed record ContactInfo(string? Email, string? PersonalEmail, string? Phone);

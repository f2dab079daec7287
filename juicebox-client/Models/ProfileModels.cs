namespace Juicebox.Client.Models;

/// <summary>The short form of a person, as search results carry it.</summary>
public record ProfileSummary
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public string? LinkedinUrl { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
}

/// <summary>A full profile: the summary plus headline, experience and education.</summary>
public record Profile : ProfileSummary
{
    public string? Headline { get; init; }
    public IReadOnlyList<ExperienceEntry> Experience { get; init; } = [];
    public IReadOnlyList<EducationEntry> Education { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A profile with its contact block; contact fields are personal data.</summary>
public sealed record EnrichedProfile : Profile
{
    public ContactInfo Contact { get; init; } = new();
    public DateTimeOffset EnrichedAt { get; init; }
}

/// <summary>One position; dates are <c>YYYY-MM</c>.</summary>
public sealed record ExperienceEntry
{
    public required string Company { get; init; }
    public required string Title { get; init; }
    public required string StartDate { get; init; }
    public string? EndDate { get; init; }
    public string? Description { get; init; }
}

/// <summary>One school.</summary>
public sealed record EducationEntry
{
    public required string School { get; init; }
    public string? Degree { get; init; }
    public string? Field { get; init; }
    public int? StartYear { get; init; }
    public int? EndYear { get; init; }
}

/// <summary>Contact data returned by enrichment.</summary>
public sealed record ContactInfo
{
    public string? Email { get; init; }
    public string? PersonalEmail { get; init; }
    public string? Phone { get; init; }
}

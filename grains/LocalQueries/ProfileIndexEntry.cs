using System.Text.Json;
using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// A profile as the index holds it: typed columns, the folded match keys, and no contact block.
/// Both indexes build their rows here, so they store and match exactly the same values.
/// </summary>
internal sealed record ProfileIndexEntry
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public string? LinkedinUrl { get; init; }
    public required string[] Skills { get; init; }
    public required string ExperienceJson { get; init; }
    public required string EducationJson { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? EnrichedAt { get; init; }
    public required DateTimeOffset StoredAt { get; init; }
    public string? TitleLower { get; init; }
    public string? CompanyLower { get; init; }
    public string? LocationLower { get; init; }
    public required string[] SkillsLower { get; init; }

    /// <summary>The version a row written from <paramref name="profile"/> stored at <paramref name="storedAt"/> would carry.</summary>
    public static ProfileRowVersion VersionOf(ProfileData profile, DateTimeOffset storedAt) =>
        VersionOf(profile.EnrichedAt, profile.Contact is not null, storedAt);

    /// <summary>As <see cref="VersionOf(ProfileData, DateTimeOffset)"/>, from the two facts of the profile it depends on.</summary>
    public static ProfileRowVersion VersionOf(DateTimeOffset? enrichedAt, bool hasContact, DateTimeOffset storedAt) =>
        new(ProfileQueryRules.ToStoredPrecision(storedAt), EnrichedAtOf(enrichedAt, hasContact, storedAt));

    // An enriched copy always has an enrichment time; older states may lack the upstream's.
    private static DateTimeOffset? EnrichedAtOf(DateTimeOffset? enrichedAt, bool hasContact, DateTimeOffset storedAt) =>
        Precise(enrichedAt ?? (hasContact ? storedAt : null));

    public static ProfileIndexEntry From(ProfileData profile, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!ProfileKey.IsValidId(profile.Id))
        {
            throw new ArgumentException($"'{profile.Id}' is not a valid profile id.", nameof(profile));
        }

        var skills = (profile.Skills ?? []).Where(skill => skill is not null).ToArray();
        return new ProfileIndexEntry
        {
            Id = profile.Id,
            Name = profile.Name,
            Title = profile.Title,
            Company = profile.Company,
            Location = profile.Location,
            LinkedinUrl = profile.LinkedinUrl,
            Skills = skills,
            ExperienceJson = JsonSerializer.Serialize(profile.Experience ?? [], _json),
            EducationJson = JsonSerializer.Serialize(profile.Education ?? [], _json),
            UpdatedAt = Precise(profile.UpdatedAt),

            EnrichedAt = EnrichedAtOf(profile.EnrichedAt, profile.Contact is not null, storedAt),
            StoredAt = ProfileQueryRules.ToStoredPrecision(storedAt),
            TitleLower = Lower(profile.Title),
            CompanyLower = Lower(profile.Company),
            LocationLower = Lower(profile.Location),
            SkillsLower = [.. skills.Select(ProfileQueryRules.Fold).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Whether two entries hold the same profile content (the version aside).</summary>
    public bool HasSameContent(ProfileIndexEntry other) =>
        Id == other.Id && Name == other.Name && Title == other.Title && Company == other.Company
        && Location == other.Location && LinkedinUrl == other.LinkedinUrl && Skills.SequenceEqual(other.Skills)
        && ExperienceJson == other.ExperienceJson && EducationJson == other.EducationJson
        && UpdatedAt == other.UpdatedAt && EnrichedAt == other.EnrichedAt;

    public ProfileListing ToListing() => new()
    {
        Id = Id,
        Name = Name,
        Title = Title,
        Company = Company,
        Location = Location,
        LinkedinUrl = LinkedinUrl,
        Skills = Skills,
        UpdatedAt = UpdatedAt,
        EnrichedAt = EnrichedAt,
    };

    private static string? Lower(string? value) => value is null ? null : ProfileQueryRules.Fold(value);

    private static DateTimeOffset? Precise(DateTimeOffset? value) => value is { } instant ? ProfileQueryRules.ToStoredPrecision(instant) : null;
}

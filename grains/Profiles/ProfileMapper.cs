using JuiceboxModels = Juicebox.Client.Models;

namespace Juicebox.Grains.Profiles;

/// <summary>Maps the upstream client's models to the cluster's serializable profile.</summary>
public static class ProfileMapper
{
    public static ProfileData ToProfileData(this JuiceboxModels.Profile profile) => new()
    {
        Id = profile.Id,
        Name = profile.Name,
        Title = profile.Title,
        Company = profile.Company,
        Location = profile.Location,
        LinkedinUrl = profile.LinkedinUrl,
        Skills = [.. profile.Skills],
        Headline = profile.Headline,
        Experience = [.. profile.Experience.Select(ToExperienceData)],
        Education = [.. profile.Education.Select(ToEducationData)],
        UpdatedAt = profile.UpdatedAt,
    };

    public static ProfileData ToEnrichedProfileData(this JuiceboxModels.EnrichedProfile profile) =>
        ((JuiceboxModels.Profile)profile).ToProfileData() with
        {
            Contact = new ContactData
            {
                Email = profile.Contact.Email,
                PersonalEmail = profile.Contact.PersonalEmail,
                Phone = profile.Contact.Phone,
            },
            EnrichedAt = profile.EnrichedAt,
        };

    /// <summary>A refreshed profile keeps the contact block of an earlier enrichment.</summary>
    public static ProfileData WithContactOf(this ProfileData fresh, ProfileData? previous) =>
        previous?.Contact is null ? fresh : fresh with { Contact = previous.Contact, EnrichedAt = previous.EnrichedAt };

    private static ExperienceData ToExperienceData(JuiceboxModels.ExperienceEntry entry) => new()
    {
        Company = entry.Company,
        Title = entry.Title,
        StartDate = entry.StartDate,
        EndDate = entry.EndDate,
        Description = entry.Description,
    };

    private static EducationData ToEducationData(JuiceboxModels.EducationEntry entry) => new()
    {
        School = entry.School,
        Degree = entry.Degree,
        Field = entry.Field,
        StartYear = entry.StartYear,
        EndYear = entry.EndYear,
    };
}

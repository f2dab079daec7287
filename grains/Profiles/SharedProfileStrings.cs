using System.Collections.Concurrent;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// One instance per distinct short string that many profiles repeat (skills, companies, titles,
/// locations, schools, degrees, dates), shared by every profile the silo holds instead of a copy per
/// profile. The table stops growing at <see cref="MaxEntries"/>; later strings are then kept as they come.
/// Names, ids, descriptions and contact data are never shared: they rarely repeat.
/// </summary>
internal static class SharedProfileStrings
{
    public const int MaxEntries = 200_000;
    private const int MaxLength = 80;

    private static readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The same profile, its repeating strings replaced by the shared instances.</summary>
    public static ProfileData Share(ProfileData profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile with
        {
            Title = Share(profile.Title),
            Company = Share(profile.Company),
            Location = Share(profile.Location),
            Skills = ShareAll(profile.Skills),
            Experience = profile.Experience is { Count: > 0 } experience ? experience.Select(ShareExperience).ToArray() : [],
            Education = profile.Education is { Count: > 0 } education ? education.Select(ShareEducation).ToArray() : [],
        };
    }

    private static ExperienceData ShareExperience(ExperienceData entry) => entry with
    {
        Company = Share(entry.Company)!,
        Title = Share(entry.Title)!,
        StartDate = Share(entry.StartDate)!,
        EndDate = Share(entry.EndDate),
    };

    private static EducationData ShareEducation(EducationData entry) => entry with
    {
        School = Share(entry.School)!,
        Degree = Share(entry.Degree),
        Field = Share(entry.Field),
    };

    private static string[] ShareAll(IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return [];
        }

        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Share(values[i])!;
        }

        return shared;
    }

    private static string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return _strings.Count < MaxEntries ? _strings.GetOrAdd(value, value) : value;
    }
}

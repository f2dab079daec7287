using System.Globalization;

namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// Generates profile <c>index</c> of a seeded corpus. Each index gets its own PRNG stream, so any
/// profile can be produced on demand, in any order, identically in every process.
/// </summary>
internal sealed class ProfileGenerator
{
    // Generated dates are relative to a fixed moment, never the clock, so they are reproducible.
    private const int ReferenceYear = 2025;
    private const int ReferenceMonth = 6;
    private static readonly DateTimeOffset _reference = new(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] _degrees = ["Bachelor of Science", "Bachelor of Arts", "Master of Science", "Master of Business Administration", "Doctor of Philosophy"];
    private static readonly string[] _mailHosts = ["mail.example", "inbox.example", "post.example"];

    private readonly ulong _seed;
    private readonly Vocabulary _vocabulary;

    public ProfileGenerator(ulong seed, Vocabulary vocabulary)
    {
        _seed = seed;
        _vocabulary = vocabulary;
    }

    public Vocabulary Vocabulary => _vocabulary;

    public ProfileCore GenerateCore(int index)
    {
        var rng = StreamFor(index);
        return DrawCore(ref rng);
    }

    public Profile GenerateProfile(int index, string id, string linkedinUrl)
    {
        var rng = StreamFor(index);
        var core = DrawCore(ref rng);
        return BuildProfile(ref rng, core, id, linkedinUrl);
    }

    public EnrichedProfile GenerateEnriched(int index, string id, string linkedinUrl, DateTimeOffset enrichedAt)
    {
        var rng = StreamFor(index);
        var core = DrawCore(ref rng);
        var profile = BuildProfile(ref rng, core, id, linkedinUrl);
        var contact = DrawContact(ref rng, core);
        return new EnrichedProfile
        {
            Id = profile.Id,
            Name = profile.Name,
            Title = profile.Title,
            Company = profile.Company,
            Location = profile.Location,
            LinkedinUrl = profile.LinkedinUrl,
            Skills = profile.Skills,
            Headline = profile.Headline,
            Experience = profile.Experience,
            Education = profile.Education,
            UpdatedAt = profile.UpdatedAt,
            Contact = contact,
            EnrichedAt = enrichedAt,
        };
    }

    public string Name(in ProfileCore core)
    {
        return _vocabulary.FirstNames[core.FirstName] + " " + _vocabulary.LastNames[core.LastName];
    }

    public string[] SkillNames(in ProfileCore core)
    {
        var skills = new string[core.SkillCount];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = _vocabulary.Skills[core.Skills[i]];
        }

        return skills;
    }

    private SplitMix64 StreamFor(int index)
    {
        return new SplitMix64(SplitMix64.Mix(_seed ^ SplitMix64.Mix((ulong)index + 0x5EED_0000UL)));
    }

    private ProfileCore DrawCore(ref SplitMix64 rng)
    {
        var vocabulary = _vocabulary;
        var profession = rng.NextInt(vocabulary.Professions.Count);
        var core = new ProfileCore
        {
            Profession = (byte)profession,
            FirstName = (ushort)rng.NextInt(vocabulary.FirstNames.Count),
            LastName = (ushort)rng.NextInt(vocabulary.LastNames.Count),
            Title = (ushort)rng.Pick(vocabulary.TitlesByProfession[profession]),
            Company = (ushort)rng.NextInt(vocabulary.Companies.Length),
            Location = (ushort)rng.NextInt(vocabulary.Locations.Count),
            Headline = (ushort)rng.Pick(vocabulary.HeadlinesByProfession[profession]),
        };

        var pool = vocabulary.SkillsByProfession[profession];
        var count = rng.NextInt(3, Math.Min(ProfileCore.MaxSkills, pool.Length));
        var taken = 0;
        while (taken < count)
        {
            var skill = (ushort)rng.Pick(pool);
            if (!core.Skills[..taken].Contains(skill))
            {
                core.Skills[taken++] = skill;
            }
        }

        core.SkillCount = (byte)count;
        return core;
    }

    private Profile BuildProfile(ref SplitMix64 rng, in ProfileCore core, string id, string linkedinUrl)
    {
        var vocabulary = _vocabulary;
        var profession = vocabulary.Professions[core.Profession];
        var experience = new List<ExperienceEntry>();

        // Walk back in time from the current position, one job at a time.
        var monthCursor = ReferenceYear * 12 + ReferenceMonth - 1 - rng.NextInt(0, 6);
        var jobs = rng.NextInt(1, 4);
        for (var job = 0; job < jobs; job++)
        {
            var current = job == 0;
            var end = monthCursor;
            var start = end - rng.NextInt(6, 60);
            var company = current ? vocabulary.Companies[core.Company] : vocabulary.Companies[rng.NextInt(vocabulary.Companies.Length)];
            var title = current ? vocabulary.Titles[core.Title] : vocabulary.Titles[rng.Pick(vocabulary.TitlesByProfession[core.Profession])];
            var description = rng.NextBool(0.8) ? rng.Pick(profession.Duties) : null;
            experience.Add(new ExperienceEntry(company, title, FormatMonth(start), current ? null : FormatMonth(end), description));
            monthCursor = start - rng.NextInt(0, 4);
        }

        var education = new List<EducationEntry>();
        var graduation = monthCursor / 12 - rng.NextInt(0, 1);
        var bachelorStart = graduation - 4;
        var schools = rng.NextInt(1, 2);
        for (var school = 0; school < schools; school++)
        {
            var advanced = school == 0 && schools == 2;
            var degree = advanced ? _degrees[rng.NextInt(2, _degrees.Length - 1)] : _degrees[rng.NextInt(0, 1)];
            var startYear = advanced ? graduation - 2 : bachelorStart;
            var endYear = advanced ? graduation : bachelorStart + 4;
            if (advanced)
            {
                bachelorStart = startYear - 4 - rng.NextInt(0, 2);
            }

            var hasYears = rng.NextBool(0.9);
            education.Add(new EducationEntry(
                rng.Pick(vocabulary.Schools),
                rng.NextBool(0.95) ? degree : null,
                rng.NextBool(0.9) ? rng.Pick(profession.Fields) : null,
                hasYears ? startYear : null,
                hasYears ? endYear : null));
        }

        var updatedAt = _reference.AddSeconds(-rng.NextInt(0, 365 * 24 * 3600));
        return new Profile
        {
            Id = id,
            Name = Name(core),
            Title = vocabulary.Titles[core.Title],
            Company = vocabulary.Companies[core.Company],
            Location = vocabulary.Locations[core.Location],
            LinkedinUrl = linkedinUrl,
            Skills = SkillNames(core),
            Headline = vocabulary.Headlines[core.Headline],
            Experience = experience,
            Education = education,
            UpdatedAt = updatedAt,
        };
    }

    private ContactInfo DrawContact(ref SplitMix64 rng, in ProfileCore core)
    {
        var first = Vocabulary.Slug(_vocabulary.FirstNames[core.FirstName]);
        var last = Vocabulary.Slug(_vocabulary.LastNames[core.LastName]);
        var work = $"{first}.{last}@{_vocabulary.CompanyDomains[core.Company]}";
        var personal = rng.NextBool(0.7)
            ? string.Create(CultureInfo.InvariantCulture, $"{first}{last}{rng.NextInt(1, 99)}@{rng.Pick(_mailHosts)}")
            : null;
        var phone = rng.NextBool(0.6)
            ? string.Create(CultureInfo.InvariantCulture, $"+1-555-{rng.NextInt(100, 999)}-{rng.NextInt(0, 9999):D4}")
            : null;
        return new ContactInfo(work, personal, phone);
    }

    private static string FormatMonth(int monthNumber)
    {
        var year = monthNumber / 12;
        var month = monthNumber % 12 + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");
    }
}

using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// A deterministic set of generated profiles for index tests, and the oracle that says which of them
/// a query should list: the filters' documented meaning, written independently of the indexes.
/// </summary>
public sealed class ProfileCorpus
{
    public static readonly DateTimeOffset StoredAt = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstUpdate = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Odd spellings on purpose: case, accents, and LIKE's wildcards inside names.
    private static readonly string?[] _companies =
    [
        "Silverline Labs", "Acme Corp", "ACME Robotics", "Northwind Traders", "Globex", "Initech",
        "Café Müller GmbH", "100% Pure_Data", "Stark Industries", "Wayne Enterprises", null,
    ];

    private static readonly string?[] _locations =
    [
        "Mexico City, Mexico", "Berlin, Germany", "San Francisco, CA", "New York, NY", "London, UK",
        "São Paulo, Brazil", "Remote", null,
    ];

    private static readonly string?[] _titles =
    [
        "VP of Engineering", "Software Engineer", "Senior Software Engineer", "Data Scientist",
        "Product Manager", "Recruiter", "CTO", null,
    ];

    private static readonly string[] _skills =
    [
        "Go", "C#", "Python", "Hiring", "Team Building", "PostgreSQL", "Kubernetes", "Machine Learning", "SQL", "go-kit",
    ];

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    private ProfileCorpus(IReadOnlyList<ProfileData> profiles) => Profiles = profiles;

    public IReadOnlyList<ProfileData> Profiles { get; }

    public static ProfileCorpus Generate(int count, int seed = 20260401)
    {
        var random = new Random(seed);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new List<ProfileData>(count);
        while (profiles.Count < count)
        {
            var id = "jb" + new string([.. Enumerable.Range(0, 10).Select(_ => IdAlphabet[random.Next(IdAlphabet.Length)])]);
            if (ids.Add(id))
            {
                profiles.Add(Generate(id, random));
            }
        }

        return new ProfileCorpus(profiles);
    }

    /// <summary>A profile with the given id and generated content.</summary>
    public static ProfileData Generate(string id, Random random)
    {
        var skills = _skills.OrderBy(_ => random.Next()).Take(random.Next(0, 6))
            .Select(skill => random.Next(4) switch { 0 => skill.ToUpperInvariant(), 1 => skill.ToLowerInvariant(), _ => skill })
            .ToArray();
        var enriched = random.Next(10) < 3;
        DateTimeOffset? updatedAt = random.Next(10) == 0
            ? null
            : FirstUpdate.AddMinutes(random.Next(0, 365 * 24 * 60)).AddTicks(random.Next(0, 10_000_000));
        var company = Pick(_companies, random);
        return new ProfileData
        {
            Id = id,
            Name = $"Person {id}",
            Title = Pick(_titles, random),
            Company = company,
            Location = Pick(_locations, random),
            LinkedinUrl = $"https://www.linkedin.com/in/{id.ToLowerInvariant()}",
            Skills = skills,
            Headline = "Builds things",
            Experience = [new ExperienceData { Company = company ?? "Self-employed", Title = "Engineer", StartDate = "2020-01" }],
            Education = [new EducationData { School = "State University", Degree = "BSc", EndYear = 2015 }],
            UpdatedAt = updatedAt,
            Contact = enriched ? new ContactData { Email = $"{id}@example.com", Phone = "+1 555 0100" } : null,
            EnrichedAt = enriched ? StoredAt.AddDays(-random.Next(1, 30)) : null,
        };
    }

    /// <summary>The ids <paramref name="query"/> should list, across all its pages, in order.</summary>
    public IReadOnlyList<string> Expected(ProfileQuery query) => Expected(Profiles, query);

    public static IReadOnlyList<string> Expected(IEnumerable<ProfileData> profiles, ProfileQuery query) =>
        [.. profiles.Where(profile => Matches(profile, query)).Select(profile => profile.Id).Order(StringComparer.Ordinal)];

    private static bool Matches(ProfileData profile, ProfileQuery query) =>
        Contains(profile.Company, query.Company)
        && Contains(profile.Location, query.Location)
        && Contains(profile.Title, query.Title)
        && query.Skills.Where(skill => !string.IsNullOrWhiteSpace(skill)).All(skill =>
            profile.Skills.Any(held => string.Equals(held.Trim(), skill.Trim(), StringComparison.OrdinalIgnoreCase)))
        && (query.Enriched is not { } enriched || (profile.EnrichedAt is not null) == enriched)
        && (query.UpdatedSince is not { } since
            || (profile.UpdatedAt is { } updated && Microseconds(updated) >= Microseconds(since)));

    private static bool Contains(string? value, string? filter) =>
        string.IsNullOrWhiteSpace(filter)
        || (value is not null && value.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase));

    private static long Microseconds(DateTimeOffset value) => value.UtcTicks / 10;

    private static T Pick<T>(T[] values, Random random) => values[random.Next(values.Length)];
}

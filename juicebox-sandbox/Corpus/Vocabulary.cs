using System.Text;

namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// Every distinct value a searchable field can take, flattened into arrays so that a profile is
/// stored as small indices and a query term can be matched once per value instead of per profile.
/// </summary>
internal sealed class Vocabulary
{
    private Vocabulary(
        string[] titles,
        int[][] titlesByProfession,
        string[] skills,
        int[][] skillsByProfession,
        string[] headlines,
        int[][] headlinesByProfession,
        string[] companies,
        string[] companyDomains)
    {
        Titles = titles;
        TitlesByProfession = titlesByProfession;
        Skills = skills;
        SkillsByProfession = skillsByProfession;
        Headlines = headlines;
        HeadlinesByProfession = headlinesByProfession;
        Companies = companies;
        CompanyDomains = companyDomains;
    }

    public static Vocabulary Shared { get; } = Build();

    public IReadOnlyList<Profession> Professions => ProfessionData.All;

    public IReadOnlyList<string> FirstNames => NameData.FirstNames;

    public IReadOnlyList<string> LastNames => NameData.LastNames;

    public IReadOnlyList<string> Locations => PlaceData.Locations;

    public IReadOnlyList<string> Schools => PlaceData.Schools;

    public string[] Titles { get; }

    public int[][] TitlesByProfession { get; }

    public string[] Skills { get; }

    public int[][] SkillsByProfession { get; }

    public string[] Headlines { get; }

    public int[][] HeadlinesByProfession { get; }

    public string[] Companies { get; }

    public string[] CompanyDomains { get; }

    /// <summary>Lower-case ASCII letters and digits only, for e-mail addresses and URL slugs.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static Vocabulary Build()
    {
        var professions = ProfessionData.All;
        var titles = new List<string>();
        var titlesByProfession = new int[professions.Length][];
        var skills = new List<string>();
        var skillIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var skillsByProfession = new int[professions.Length][];
        var headlines = new List<string>();
        var headlinesByProfession = new int[professions.Length][];

        for (var p = 0; p < professions.Length; p++)
        {
            var profession = professions[p];
            var own = new List<int>();
            var seniorities = profession.Ranked ? ProfessionData.Seniorities : [""];
            foreach (var role in profession.Roles)
            {
                foreach (var seniority in seniorities)
                {
                    own.Add(titles.Count);
                    titles.Add(seniority + role);
                }
            }

            titlesByProfession[p] = [.. own];

            own.Clear();
            foreach (var skill in profession.Skills)
            {
                if (!skillIndex.TryGetValue(skill, out var index))
                {
                    index = skills.Count;
                    skillIndex.Add(skill, index);
                    skills.Add(skill);
                }

                own.Add(index);
            }

            skillsByProfession[p] = [.. own];

            own.Clear();
            foreach (var headline in profession.Headlines)
            {
                own.Add(headlines.Count);
                headlines.Add(headline);
            }

            headlinesByProfession[p] = [.. own];
        }

        var companies = new List<string>();
        var domains = new List<string>();
        foreach (var stem in PlaceData.CompanyStems)
        {
            foreach (var suffix in PlaceData.CompanySuffixes)
            {
                var name = stem + " " + suffix;
                companies.Add(name);
                domains.Add(Slug(name) + ".example");
            }
        }

        return new Vocabulary(
            [.. titles],
            titlesByProfession,
            [.. skills],
            skillsByProfession,
            [.. headlines],
            headlinesByProfession,
            [.. companies],
            [.. domains]);
    }
}

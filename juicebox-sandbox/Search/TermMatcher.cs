using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Search;

/// <summary>
/// One term: a case-insensitive substring of some field. The term is tested once against every
/// value in the vocabulary, so testing a profile is a handful of array lookups.
/// </summary>
internal sealed class TermMatcher : ProfileMatcher
{
    private readonly int _lastNameCount;
    private readonly bool[]? _names;
    private readonly bool[]? _firstNames;
    private readonly bool[]? _lastNames;
    private readonly bool[]? _titles;
    private readonly bool[]? _companies;
    private readonly bool[]? _locations;
    private readonly bool[]? _skills;
    private readonly bool[]? _headlines;

    public TermMatcher(QueryField field, string text, Vocabulary vocabulary)
    {
        var any = field == QueryField.Any;
        _lastNameCount = vocabulary.LastNames.Count;
        if (any || field == QueryField.Name)
        {
            if (text.Any(char.IsWhiteSpace))
            {
                // Full names are matched as "First Last", so a phrase can span both parts.
                _names = new bool[vocabulary.FirstNames.Count * _lastNameCount];
                for (var first = 0; first < vocabulary.FirstNames.Count; first++)
                {
                    for (var last = 0; last < _lastNameCount; last++)
                    {
                        var name = vocabulary.FirstNames[first] + " " + vocabulary.LastNames[last];
                        _names[first * _lastNameCount + last] = Contains(name, text);
                    }
                }
            }
            else
            {
                // Without a space the term cannot span the two parts, so each is tested alone.
                _firstNames = Hits(vocabulary.FirstNames, text);
                _lastNames = Hits(vocabulary.LastNames, text);
            }
        }

        _titles = any || field == QueryField.Title ? Hits(vocabulary.Titles, text) : null;
        _companies = any || field == QueryField.Company ? Hits(vocabulary.Companies, text) : null;
        _skills = any || field == QueryField.Skills ? Hits(vocabulary.Skills, text) : null;
        _headlines = any ? Hits(vocabulary.Headlines, text) : null;
        _locations = field == QueryField.Location ? Hits(vocabulary.Locations, text) : null;
    }

    public override bool Matches(in ProfileCore core)
    {
        if (_titles?[core.Title] == true || _companies?[core.Company] == true || _headlines?[core.Headline] == true)
        {
            return true;
        }

        if (_locations?[core.Location] == true || _firstNames?[core.FirstName] == true || _lastNames?[core.LastName] == true)
        {
            return true;
        }

        if (_names?[core.FirstName * _lastNameCount + core.LastName] == true)
        {
            return true;
        }

        if (_skills is { } skills)
        {
            for (var i = 0; i < core.SkillCount; i++)
            {
                if (skills[core.Skills[i]])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool[] Hits(IReadOnlyList<string> values, string text)
    {
        var hits = new bool[values.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = Contains(values[i], text);
        }

        return hits;
    }

    private static bool Contains(string value, string text)
    {
        return value.Contains(text, StringComparison.OrdinalIgnoreCase);
    }
}

using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Search;

/// <summary>A query compiled against the corpus vocabulary, tested against one profile at a time.</summary>
internal abstract class ProfileMatcher
{
    public abstract bool Matches(in ProfileCore core);

    /// <summary>Compiles a parsed query, AND its filters, into a matcher.</summary>
    public static ProfileMatcher Compile(QueryNode query, SearchFilters? filters, Vocabulary vocabulary)
    {
        var parts = new List<ProfileMatcher> { Compile(query, vocabulary) };
        if (filters is not null)
        {
            AddContains(parts, QueryField.Title, filters.Title, vocabulary);
            AddContains(parts, QueryField.Company, filters.Company, vocabulary);
            AddContains(parts, QueryField.Location, filters.Location, vocabulary);
            foreach (var skill in filters.Skills ?? [])
            {
                parts.Add(new ExactSkillMatcher(skill, vocabulary));
            }
        }

        return parts.Count == 1 ? parts[0] : new AllMatcher([.. parts]);
    }

    private static ProfileMatcher Compile(QueryNode node, Vocabulary vocabulary)
    {
        return node switch
        {
            TermNode term => new TermMatcher(term.Field, term.Text, vocabulary),
            AndNode and => new AllMatcher([.. and.Children.Select(child => Compile(child, vocabulary))]),
            OrNode or => new AnyMatcher([.. or.Children.Select(child => Compile(child, vocabulary))]),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown query node."),
        };
    }

    private static void AddContains(List<ProfileMatcher> parts, QueryField field, string? text, Vocabulary vocabulary)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add(new TermMatcher(field, text.Trim(), vocabulary));
        }
    }

    private sealed class AllMatcher(ProfileMatcher[] children) : ProfileMatcher
    {
        public override bool Matches(in ProfileCore core)
        {
            foreach (var child in children)
            {
                if (!child.Matches(core))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class AnyMatcher(ProfileMatcher[] children) : ProfileMatcher
    {
        public override bool Matches(in ProfileCore core)
        {
            foreach (var child in children)
            {
                if (child.Matches(core))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A profile that has this skill, compared whole and case-insensitively.</summary>
    private sealed class ExactSkillMatcher : ProfileMatcher
    {
        private readonly int _skill;

        public ExactSkillMatcher(string skill, Vocabulary vocabulary)
        {
            _skill = Array.FindIndex(vocabulary.Skills, candidate => string.Equals(candidate, skill.Trim(), StringComparison.OrdinalIgnoreCase));
        }

        public override bool Matches(in ProfileCore core)
        {
            return _skill >= 0 && core.Skills[..core.SkillCount].Contains((ushort)_skill);
        }
    }
}

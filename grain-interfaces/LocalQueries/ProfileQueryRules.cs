using System.Globalization;

namespace Juicebox.GrainInterfaces.LocalQueries;

/// <summary>
/// The limits of a <see cref="ProfileQuery"/> and the one way its filters and the stored values are
/// compared, shared by the HTTP API (which answers 400 for a query it rejects) and every profile index.
/// </summary>
public static class ProfileQueryRules
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The longest company, location, title or skill filter, in characters (after trimming).</summary>
    public const int MaxFilterLength = 200;

    /// <summary>How many skills one query may require.</summary>
    public const int MaxSkills = 10;

    /// <summary>Null when <paramref name="query"/> is valid; otherwise what is wrong, naming the parameter as the HTTP API spells it.</summary>
    public static string? Validate(ProfileQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaxLimit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {MaxLimit}; got {query.Limit}.");
        }

        foreach (var (name, value) in new[] { ("company", query.Company), ("location", query.Location), ("title", query.Title) })
        {
            if (value is not null && value.Trim().Length > MaxFilterLength)
            {
                return $"{name} must be at most {MaxFilterLength} characters.";
            }

            if (value is not null && !IsStorableText(value))
            {
                return $"{name} must be text without NUL characters or unpaired surrogates.";
            }
        }

        var skills = query.Skills ?? [];
        if (skills.Count > MaxSkills)
        {
            return $"At most {MaxSkills} skill filters are allowed; got {skills.Count}.";
        }

        if (skills.Any(skill => skill is not null && skill.Trim().Length > MaxFilterLength))
        {
            return $"skill must be at most {MaxFilterLength} characters.";
        }

        if (skills.Any(skill => skill is not null && !IsStorableText(skill)))
        {
            return "skill must be text without NUL characters or unpaired surrogates.";
        }

        if (query.Cursor is not null && !ProfileQueryCursor.TryDecode(query, query.Cursor, out _))
        {
            return "cursor is not one this query returned: pass back nextCursor unchanged, with the same filters.";
        }

        return null;
    }

    /// <summary>
    /// Whether PostgreSQL can take <paramref name="value"/> as text: no NUL (it refuses one in any text
    /// value) and no half of a surrogate pair (which has no UTF-8 form). The fuzzer's chaos run found a NUL
    /// in a filter answered 500 in Cluster mode.
    /// </summary>
    public static bool IsStorableText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Validate"/>'s message when the query is invalid.</summary>
    public static void ThrowIfInvalid(ProfileQuery query)
    {
        if (Validate(query) is { } problem)
        {
            throw new ArgumentException(problem, nameof(query));
        }
    }

    /// <summary>
    /// The form both stored values and filters are compared in: trimmed and lower-cased with the
    /// invariant culture. Done by the application, so matching never depends on a database's collation.
    /// </summary>
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant();
    }

    /// <summary>A text filter as it is matched, or null when it is absent or blank.</summary>
    public static string? TextFilter(string? filter) => string.IsNullOrWhiteSpace(filter) ? null : Fold(filter);

    /// <summary>The skills a query requires as they are matched: folded, without blanks or repeats, in ordinal order.</summary>
    public static IReadOnlyList<string> SkillFilters(ProfileQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. (query.Skills ?? []).Where(skill => !string.IsNullOrWhiteSpace(skill)).Select(Fold).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>An instant as PostgreSQL's <c>timestamptz</c> keeps it: UTC, whole microseconds (truncated).</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}

using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.Grains.LocalQueries;

/// <summary>A validated <see cref="ProfileQuery"/> in the form the indexes match it.</summary>
internal sealed record ProfileIndexFilter(
    string? After,
    string? Company,
    string? Location,
    string? Title,
    IReadOnlyList<string> Skills,
    bool? Enriched,
    DateTimeOffset? UpdatedSince)
{
    /// <summary>The filter of a query <see cref="ProfileQueryRules.Validate"/> accepted.</summary>
    public static ProfileIndexFilter From(ProfileQuery query)
    {
        string? after = null;
        if (query.Cursor is not null && !ProfileQueryCursor.TryDecode(query, query.Cursor, out after))
        {
            throw new ArgumentException("The cursor does not belong to this query.", nameof(query));
        }

        return new ProfileIndexFilter(
            after,
            ProfileQueryRules.TextFilter(query.Company),
            ProfileQueryRules.TextFilter(query.Location),
            ProfileQueryRules.TextFilter(query.Title),
            ProfileQueryRules.SkillFilters(query),
            query.Enriched,
            query.UpdatedSince is { } since ? ProfileQueryRules.ToStoredPrecision(since) : null);
    }

    /// <summary>The <c>LIKE</c> pattern of a contains-filter: the text with its wildcards escaped, between two <c>%</c>.</summary>
    public static string? ContainsPattern(string? text) =>
        text is null ? null : "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public bool Matches(ProfileIndexEntry entry) =>
        Contains(entry.CompanyLower, Company)
        && Contains(entry.LocationLower, Location)
        && Contains(entry.TitleLower, Title)
        && Skills.All(skill => entry.SkillsLower.Contains(skill, StringComparer.Ordinal))
        && (Enriched is not { } enriched || (entry.EnrichedAt is not null) == enriched)
        && (UpdatedSince is not { } since || (entry.UpdatedAt is { } updated && updated >= since));

    /// <summary>
    /// The page of <paramref name="matches"/>, which holds up to one more listing than the limit: that
    /// one only says there is a next page.
    /// </summary>
    public static ProfileQueryPage ToPage(ProfileQuery query, IReadOnlyList<ProfileListing> matches)
    {
        if (matches.Count <= query.Limit)
        {
            return new ProfileQueryPage { Items = matches };
        }

        var items = matches.Take(query.Limit).ToArray();
        return new ProfileQueryPage { Items = items, NextCursor = ProfileQueryCursor.Encode(query, items[^1].Id) };
    }

    private static bool Contains(string? value, string? text) =>
        text is null || (value is not null && value.Contains(text, StringComparison.Ordinal));
}

using System.Globalization;
using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.ClientApi.Apis;

/// <summary>Turns the query string of <c>GET /api/v1/profiles</c> into a <see cref="ProfileQuery"/>, or says what is wrong.</summary>
internal static class ProfileQueryParameters
{
    private static readonly string[] _isoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mmK",
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The query, or the problem to answer (400) when a parameter is invalid.</summary>
    public static (ProfileQuery? Query, ProblemHttpResult? Problem) Parse(
        string? company,
        string? location,
        string[]? skill,
        string? title,
        string? enriched,
        string? updatedSince,
        string? cursor,
        string? limit)
    {
        var pageSize = ProfileQueryRules.DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > ProfileQueryRules.MaxLimit))
        {
            return Invalid($"limit must be a whole number between 1 and {ProfileQueryRules.MaxLimit}; got '{Truncate(limit)}'.");
        }

        bool? enrichedFilter = null;
        if (!string.IsNullOrEmpty(enriched))
        {
            if (!bool.TryParse(enriched, out var value))
            {
                return Invalid($"enriched must be true or false; got '{Truncate(enriched)}'.");
            }

            enrichedFilter = value;
        }

        DateTimeOffset? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (!DateTimeOffset.TryParseExact(updatedSince, _isoFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                return Invalid(
                    $"updatedSince must be an ISO 8601 date or date-time, e.g. 2025-01-31 or 2025-01-31T08:00:00Z " +
                    $"(write an offset's '+' as %2B); got '{Truncate(updatedSince)}'.");
            }

            since = value;
        }

        var query = new ProfileQuery
        {
            Company = company,
            Location = location,
            Title = title,
            Skills = skill ?? [],
            Enriched = enrichedFilter,
            UpdatedSince = since,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
            Limit = pageSize,
        };
        return ProfileQueryRules.Validate(query) is { } problem ? Invalid(problem) : (query, null);
    }

    private static (ProfileQuery?, ProblemHttpResult?) Invalid(string detail) => (null, ApiProblems.InvalidProfileQuery(detail));

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

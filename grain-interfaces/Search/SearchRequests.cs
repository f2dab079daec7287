using System.Diagnostics.CodeAnalysis;

namespace Juicebox.GrainInterfaces.Search;

/// <summary>The upstream's rules for a search body, and the canonical form of a valid one.</summary>
public static class SearchRequests
{
    public const int MaxQueryLength = 500;
    public const int MinLimit = 1;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    /// <summary>Cursors are opaque; this only keeps absurd ones out of the cluster.</summary>
    public const int MaxCursorLength = 4096;

    /// <summary>
    /// Checks <paramref name="input"/> as the upstream would (query 1..500 characters and well formed,
    /// limit 1..100, no empty skill) and makes its canonical form. Normalizing keeps the meaning:
    /// matching is case-insensitive, an empty filter filters nothing, and a profile must have every
    /// skill, in any order.
    /// </summary>
    public static bool TryNormalize(
        SearchInput input,
        [NotNullWhen(true)] out SearchQuery? query,
        [NotNullWhen(false)] out SearchRequestError? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        query = null;
        error = Check(input);
        if (error is not null)
        {
            return false;
        }

        query = new SearchQuery
        {
            Text = SearchQuerySyntax.Normalize(input.Query!),
            Limit = input.Limit ?? DefaultLimit,
            Cursor = input.Cursor,
            Title = NormalizeFilter(input.Title),
            Company = NormalizeFilter(input.Company),
            Location = NormalizeFilter(input.Location),
            Skills = [.. (input.Skills ?? []).Select(skill => skill!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        return true;
    }

    private static SearchRequestError? Check(SearchInput input)
    {
        if (string.IsNullOrEmpty(input.Query) || input.Query.Length > MaxQueryLength)
        {
            return Invalid("query", $"query must be 1 to {MaxQueryLength} characters; got {input.Query?.Length ?? 0}.");
        }

        if (input.Limit is < MinLimit or > MaxLimit)
        {
            return Invalid("limit", $"limit must be between {MinLimit} and {MaxLimit}; got {input.Limit}.");
        }

        if (input.Cursor is { Length: 0 or > MaxCursorLength })
        {
            return Invalid("cursor", $"cursor, when given, must be the nextCursor of an earlier page (1 to {MaxCursorLength} characters).");
        }

        if (input.Skills is { } skills && skills.Any(string.IsNullOrWhiteSpace))
        {
            return Invalid("filters.skills", "filters.skills must not contain empty skills.");
        }

        return SearchQuerySyntax.Validate(input.Query) is { } syntax
            ? new SearchRequestError(SearchRequestError.InvalidQuery, "query", syntax.Message, syntax.Position)
            : null;
    }

    private static string? NormalizeFilter(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static SearchRequestError Invalid(string field, string message) =>
        new(SearchRequestError.InvalidRequest, field, message);
}

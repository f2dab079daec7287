using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// Builds search grain keys: a stable hash of the canonical search, so equal searches meet in one
/// grain on any silo and in any process, whatever order or case they were written in.
/// </summary>
public static class SearchKey
{
    private const string Prefix = "search:";

    /// <summary>The grain key of a canonical search: the prefix and 128 bits of SHA-256, in hex.</summary>
    public static string For(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Every part is length-prefixed, so no choice of values can make two searches read alike.
        var canonical = new StringBuilder("v1");
        Append(canonical, query.Text);
        Append(canonical, query.Limit.ToString(CultureInfo.InvariantCulture));
        Append(canonical, query.Cursor);
        Append(canonical, query.Title);
        Append(canonical, query.Company);
        Append(canonical, query.Location);
        Append(canonical, query.Skills.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var skill in query.Skills)
        {
            Append(canonical, skill);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Prefix + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The search grain for a canonical search.</summary>
    public static ISearchGrain GetSearchGrain(this IGrainFactory grains, SearchQuery query) =>
        grains.GetGrain<ISearchGrain>(For(query));

    private static void Append(StringBuilder canonical, string? value)
    {
        canonical.Append('|');
        if (value is null)
        {
            canonical.Append('-');
            return;
        }

        canonical.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}

using System.Text;

namespace Juicebox.Sandbox.Search;

/// <summary>
/// A stable 64-bit hash (FNV-1a over UTF-8) of everything that defines a result list: the corpus,
/// the query and the filters. Cursors carry it so they only work with the search they came from.
/// </summary>
internal static class SearchFingerprint
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;
    private const char Separator = '\u001F';

    public static ulong Compute(long seed, int profileCount, string query, SearchFilters? filters)
    {
        var text = new StringBuilder()
            .Append(seed).Append(Separator)
            .Append(profileCount).Append(Separator)
            .Append(query).Append(Separator)
            .Append(filters?.Title?.Trim().ToLowerInvariant()).Append(Separator)
            .Append(filters?.Company?.Trim().ToLowerInvariant()).Append(Separator)
            .Append(filters?.Location?.Trim().ToLowerInvariant()).Append(Separator);
        foreach (var skill in (filters?.Skills ?? []).Select(skill => skill.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal))
        {
            text.Append(skill).Append(Separator);
        }

        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}

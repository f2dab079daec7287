using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Api;

/// <summary>Validates and resolves the id list of a batch call.</summary>
internal static class BatchIds
{
    public static IResult? Validate(IReadOnlyList<string?>? ids, string field)
    {
        if (ids is null || ids.Count is 0 or > ProfilesApi.MaxBatch)
        {
            return ApiResults.InvalidRequest($"{field} must hold 1..{ProfilesApi.MaxBatch} ids.", field);
        }

        if (ids.Any(string.IsNullOrEmpty))
        {
            return ApiResults.InvalidRequest($"{field} must not contain empty ids.", field);
        }

        return null;
    }

    /// <summary>
    /// The corpus indexes of the known ids, in request order without repeats, and the unknown ids.
    /// </summary>
    public static (List<int> Found, List<string> NotFound) Resolve(IReadOnlyList<string?> ids, SandboxCorpus corpus)
    {
        var found = new List<int>(ids.Count);
        var seen = new HashSet<int>();
        var notFound = new List<string>();
        foreach (var id in ids)
        {
            if (!corpus.TryFindById(id, out var index))
            {
                notFound.Add(id!);
            }
            else if (seen.Add(index))
            {
                found.Add(index);
            }
        }

        return (found, notFound);
    }
}

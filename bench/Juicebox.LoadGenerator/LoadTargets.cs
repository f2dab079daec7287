namespace Juicebox.LoadGenerator;

/// <summary>Every address a run requests, built once before it starts, with the id behind each.</summary>
internal sealed class LoadTargets
{
    private LoadTargets(Uri[] uris, string[] ids)
    {
        Uris = uris;
        Ids = ids;
    }

    public Uri[] Uris { get; }

    /// <summary>The id behind each of <see cref="Uris"/>; empty for a path without <c>{id}</c>.</summary>
    public string[] Ids { get; }

    public static LoadTargets Create(LoadPlan plan) => Create(plan, plan.IdsFile);

    /// <summary>The addresses of <paramref name="idsFile"/>'s ids (the plan's own, or its warm-up's).</summary>
    public static LoadTargets Create(LoadPlan plan, string? idsFile)
    {
        var prefix = plan.BaseAddress.TrimEnd('/');
        if (!plan.UsesIds)
        {
            return new LoadTargets([ToUri(prefix + plan.PathTemplate)], []);
        }

        var ids = ReadIds(idsFile!);
        var uris = new Uri[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            uris[i] = ToUri(prefix + plan.PathTemplate.Replace(LoadPlan.IdPlaceholder, Uri.EscapeDataString(ids[i]), StringComparison.Ordinal));
        }

        return new LoadTargets(uris, ids);
    }

    private static string[] ReadIds(string path)
    {
        string[] ids;
        try
        {
            ids = [.. File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LoadPlanException($"Cannot read idsFile '{path}': {exception.Message}", exception);
        }

        return ids.Length > 0 ? ids : throw new LoadPlanException($"idsFile '{path}' has no ids.");
    }

    private static Uri ToUri(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri
            : throw new LoadPlanException($"'{address}' is not a valid address; check baseAddress and pathTemplate.");
}

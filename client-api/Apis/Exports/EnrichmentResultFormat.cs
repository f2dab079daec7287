namespace Juicebox.ClientApi.Apis.Exports;

/// <summary>The formats of a job's results export, by their <c>format=</c> name.</summary>
internal enum EnrichmentResultFormat
{
    NdJson,
    Csv,
}

internal static class EnrichmentResultFormats
{
    public const string NdJsonContentType = "application/x-ndjson";
    public const string CsvContentType = "text/csv";

    public static bool TryParse(string? name, out EnrichmentResultFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "ndjson":
                format = EnrichmentResultFormat.NdJson;
                return true;
            case "csv":
                format = EnrichmentResultFormat.Csv;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string ContentType(EnrichmentResultFormat format) =>
        format == EnrichmentResultFormat.Csv ? CsvContentType + "; charset=utf-8" : NdJsonContentType + "; charset=utf-8";

    public static string Extension(EnrichmentResultFormat format) => format == EnrichmentResultFormat.Csv ? "csv" : "ndjson";
}

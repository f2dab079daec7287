namespace Juicebox.ClientApi.Apis.Exports;

/// <summary>The problem details of the results export.</summary>
internal static class ExportProblems
{
    public static ProblemHttpResult InvalidFormat(string format) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid export format",
        detail: $"format must be ndjson or csv; got '{(format.Length <= 20 ? format : format[..20] + "…")}'.",
        type: "https://juicebox.local/problems/invalid-export-format");

    public static ProblemHttpResult InvalidAfter(string after) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid resume position",
        detail: $"after must be the profile id of the last row received (1 to {ProfileKey.MaxIdLength} letters, digits, '_', '-' or '.'); "
            + $"got '{(after.Length <= 40 ? after : after[..40] + "…")}'.",
        type: "https://juicebox.local/problems/invalid-export-position");
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Juicebox.LoadGenerator;

/// <summary>
/// The one JSON shape of plans and results (web defaults: camelCase; enums as camelCase strings; indented),
/// shared by the load generator and whoever starts it.
/// </summary>
public static class LoadPlanJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Write<T>(string path, T value) => File.WriteAllText(path, Serialize(value));

    /// <summary>Reads a plan; a missing file or malformed JSON is a <see cref="LoadPlanException"/> naming the problem.</summary>
    public static LoadPlan ReadPlan(string path) => Read<LoadPlan>(path, "plan");

    public static LoadResult ReadResult(string path) => Read<LoadResult>(path, "result");

    public static LoadPlan ParsePlan(string json) => Parse<LoadPlan>(json, "plan");

    public static LoadResult ParseResult(string json) => Parse<LoadResult>(json, "result");

    private static T Read<T>(string path, string what)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LoadPlanException($"Cannot read the {what} file '{path}': {exception.Message}", exception);
        }

        return Parse<T>(json, what);
    }

    private static T Parse<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new LoadPlanException($"The {what} is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new LoadPlanException($"The {what} is not valid: {exception.Message}", exception);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

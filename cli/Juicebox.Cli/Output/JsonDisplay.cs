using System.Text.Json;

namespace Juicebox.Cli.Output;

/// <summary>Shows any JSON object as name/value pairs: nested objects as dotted names, arrays by their count.</summary>
public static class JsonDisplay
{
    public static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string prefix = "")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return (prefix.Length == 0 ? "value" : prefix, Scalar(element));
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var pair in Flatten(property.Value, name))
                    {
                        yield return pair;
                    }

                    break;
                case JsonValueKind.Array:
                    yield return (name, property.Value.GetArrayLength() switch
                    {
                        0 => "(none)",
                        _ when property.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
                            string.Join(", ", property.Value.EnumerateArray().Select(item => item.GetString())),
                        var count => $"({count} items)",
                    });
                    break;
                default:
                    yield return (name, Scalar(property.Value));
                    break;
            }
        }
    }

    public static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => element.GetRawText(),
    };

    public static string Pretty(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true });
}

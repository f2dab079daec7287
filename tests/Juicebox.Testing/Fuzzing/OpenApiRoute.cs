using System.Text.Json;

namespace Juicebox.Testing.Fuzzing;

/// <summary>One operation of an OpenAPI document: its method, path template, parameters and body schema.</summary>
public sealed record OpenApiRoute(
    string Method,
    string PathTemplate,
    IReadOnlyList<OpenApiParameter> Parameters,
    JsonElement? BodySchema)
{
    private static readonly string[] _methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>Every operation of <paramref name="document"/> (an OpenAPI 3.x document).</summary>
    public static IReadOnlyList<OpenApiRoute> ReadAll(JsonElement document)
    {
        List<OpenApiRoute> routes = [];
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(entry => _methods.Contains(entry.Name)))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(OpenApiParameter.Read).ToList()
                    : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.TryGetProperty("content", out var content)
                    && content.EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } first
                    && first.Value.TryGetProperty("schema", out var schema)
                        ? schema.Clone()
                        : null;
                routes.Add(new OpenApiRoute(operation.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return routes;
    }
}

/// <summary>A path or query parameter: its name, where it goes, and its schema's type and format.</summary>
public sealed record OpenApiParameter(string Name, string In, string Type, string? Format, bool IsArray)
{
    public static OpenApiParameter Read(JsonElement parameter)
    {
        var schema = parameter.TryGetProperty("schema", out var value) ? value : default;
        var type = OpenApiSchemas.TypeOf(schema);
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return new OpenApiParameter(
            parameter.GetProperty("name").GetString()!,
            parameter.GetProperty("in").GetString()!,
            type,
            format,
            type == "array");
    }
}

/// <summary>Reads JSON schema types the way OpenAPI 3.1 writes them (a string, or an array with "null").</summary>
public static class OpenApiSchemas
{
    public static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return "any";
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString()!;
        }

        var types = type.EnumerateArray().Select(item => item.GetString()).Where(item => item is not null and not "null").ToList();
        return types.Contains("integer") ? "integer" : types.FirstOrDefault() ?? "any";
    }
}

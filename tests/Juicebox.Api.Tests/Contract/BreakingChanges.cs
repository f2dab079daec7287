using System.Text.Json.Nodes;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// What a new version of the document breaks for clients written against an older one: an operation
/// or a response content type removed, a response field removed (or no longer always present), an
/// enum value removed, a request field or parameter newly required, a request type narrowed (fewer
/// types or tighter bounds), or a response type widened to one clients do not expect.
/// </summary>
public static class BreakingChanges
{
    private static readonly string[] _methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static IReadOnlyList<string> Find(JsonObject released, JsonObject current)
    {
        var comparison = new Comparison(released, current);
        foreach (var (path, item) in released["paths"] as JsonObject ?? [])
        {
            foreach (var method in _methods)
            {
                if (item?[method] is not JsonObject before)
                {
                    continue;
                }

                var name = $"{method.ToUpperInvariant()} {path}";
                if (current["paths"]?[path]?[method] is not JsonObject after)
                {
                    comparison.Add($"{name}: the operation was removed.");
                    continue;
                }

                comparison.Operation(name, before, after);
            }
        }

        return comparison.Changes;
    }

    private sealed class Comparison(JsonObject released, JsonObject current)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

        public List<string> Changes { get; } = [];

        public void Add(string change) => Changes.Add(change);

        public void Operation(string name, JsonObject before, JsonObject after)
        {
            var oldParameters = Parameters(before);
            foreach (var (key, parameter) in Parameters(after))
            {
                oldParameters.TryGetValue(key, out var old);
                if (IsTrue(parameter["required"]) && (old is null || !IsTrue(old["required"])))
                {
                    Add($"{name}: parameter {key} is newly required.");
                }

                if (old?["schema"] is { } oldSchema && parameter["schema"] is { } newSchema)
                {
                    Request($"{name} parameter {key}", oldSchema, newSchema);
                }
            }

            if (before["requestBody"] is JsonObject oldBody && after["requestBody"] is JsonObject newBody)
            {
                if (IsTrue(newBody["required"]) && !IsTrue(oldBody["required"]))
                {
                    Add($"{name}: the request body is newly required.");
                }

                foreach (var (type, media) in oldBody["content"] as JsonObject ?? [])
                {
                    if (newBody["content"]?[type] is not { } newMedia)
                    {
                        Add($"{name}: the request body no longer accepts {type}.");
                    }
                    else if (media?["schema"] is { } oldSchema && newMedia["schema"] is { } newSchema)
                    {
                        Request($"{name} request body", oldSchema, newSchema);
                    }
                }
            }
            else if (before["requestBody"] is null && after["requestBody"] is JsonObject added && IsTrue(added["required"]))
            {
                Add($"{name}: a request body is newly required.");
            }

            foreach (var (status, response) in before["responses"] as JsonObject ?? [])
            {
                if (after["responses"]?[status] is not { } newResponse)
                {
                    continue;
                }

                foreach (var (type, media) in response?["content"] as JsonObject ?? [])
                {
                    if (newResponse["content"]?[type] is not { } newMedia)
                    {
                        Add($"{name} {status}: the response no longer comes as {type}.");
                    }
                    else if (media?["schema"] is { } oldSchema && newMedia["schema"] is { } newSchema)
                    {
                        Response($"{name} {status} $", oldSchema, newSchema);
                    }
                }
            }
        }

        private void Request(string where, JsonNode oldNode, JsonNode newNode)
        {
            var (oldSchema, newSchema) = (Resolve(released, oldNode), Resolve(current, newNode));
            if (oldSchema is null || newSchema is null || !_visited.Add($"request|{where}|{oldSchema.GetPath()}|{newSchema.GetPath()}"))
            {
                return;
            }

            var (oldTypes, newTypes) = (Types(released, oldSchema), Types(current, newSchema));
            if (oldTypes is not null && newTypes is not null && !Covers(newTypes, oldTypes))
            {
                Add($"{where}: the type was narrowed from {Show(oldTypes)} to {Show(newTypes)}.");
            }

            Bounds(where, oldSchema, newSchema);
            EnumValues(where, oldSchema, newSchema);
            var oldRequired = Names(oldSchema["required"]);
            foreach (var field in Names(newSchema["required"]).Where(field => !oldRequired.Contains(field)))
            {
                Add($"{where}: field {field} is newly required.");
            }

            foreach (var (field, property) in oldSchema["properties"] as JsonObject ?? [])
            {
                if (property is not null && newSchema["properties"]?[field] is { } newProperty)
                {
                    Request($"{where}.{field}", property, newProperty);
                }
            }

            if (oldSchema["items"] is { } oldItems && newSchema["items"] is { } newItems)
            {
                Request($"{where}[]", oldItems, newItems);
            }
        }

        private void Response(string where, JsonNode oldNode, JsonNode newNode)
        {
            var (oldSchema, newSchema) = (Resolve(released, oldNode), Resolve(current, newNode));
            if (oldSchema is null || newSchema is null || !_visited.Add($"response|{where}|{oldSchema.GetPath()}|{newSchema.GetPath()}"))
            {
                return;
            }

            var (oldTypes, newTypes) = (Types(released, oldSchema), Types(current, newSchema));
            if (oldTypes is not null && newTypes is not null && !Covers(oldTypes, newTypes))
            {
                Add($"{where}: the type changed from {Show(oldTypes)} to {Show(newTypes)}, which clients do not expect.");
            }

            EnumValues(where, oldSchema, newSchema);
            var newRequired = Names(newSchema["required"]);
            foreach (var field in Names(oldSchema["required"]).Where(field => !newRequired.Contains(field) && newSchema["properties"]?[field] is not null))
            {
                Add($"{where}.{field}: the field is no longer always present.");
            }

            foreach (var (field, property) in oldSchema["properties"] as JsonObject ?? [])
            {
                if (newSchema["properties"]?[field] is not { } newProperty)
                {
                    Add($"{where}.{field}: the response field was removed.");
                }
                else if (property is not null)
                {
                    Response($"{where}.{field}", property, newProperty);
                }
            }

            if (oldSchema["items"] is { } oldItems && newSchema["items"] is { } newItems)
            {
                Response($"{where}[]", oldItems, newItems);
            }
        }

        private void EnumValues(string where, JsonObject oldSchema, JsonObject newSchema)
        {
            if (oldSchema["enum"] is not JsonArray oldValues || newSchema["enum"] is not JsonArray newValues)
            {
                return;
            }

            foreach (var value in oldValues.Where(value => !newValues.Any(candidate => JsonNode.DeepEquals(candidate, value))))
            {
                Add($"{where}: the enum value {value?.ToJsonString() ?? "null"} was removed.");
            }
        }

        private void Bounds(string where, JsonObject oldSchema, JsonObject newSchema)
        {
            foreach (var keyword in new[] { "maximum", "maxLength", "maxItems" })
            {
                if (Number(newSchema[keyword]) is { } now && (Number(oldSchema[keyword]) is not { } was || now < was))
                {
                    Add($"{where}: {keyword} was narrowed to {now}.");
                }
            }

            foreach (var keyword in new[] { "minimum", "minLength", "minItems" })
            {
                if (Number(newSchema[keyword]) is { } now && (Number(oldSchema[keyword]) is not { } was || now > was))
                {
                    Add($"{where}: {keyword} was narrowed to {now}.");
                }
            }
        }

        private static Dictionary<string, JsonObject> Parameters(JsonObject operation) =>
            (operation["parameters"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .ToDictionary(parameter => $"{parameter["in"]}:{parameter["name"]}", StringComparer.Ordinal);

        /// <summary>Follows <c>$ref</c>s (local ones only) to the schema object they name.</summary>
        private static JsonObject? Resolve(JsonObject document, JsonNode node)
        {
            var schema = node as JsonObject;
            for (var hops = 0; schema?["$ref"]?.GetValue<string>() is { } reference && hops < 32; hops++)
            {
                schema = reference.StartsWith("#/", StringComparison.Ordinal)
                    ? reference[2..].Split('/').Aggregate<string, JsonNode?>(document, (at, token) => at?[token.Replace("~1", "/").Replace("~0", "~")]) as JsonObject
                    : null;
            }

            return schema;
        }

        /// <summary>The JSON types a schema allows (through oneOf/anyOf and references), or null when it does not say.</summary>
        private static HashSet<string>? Types(JsonObject document, JsonObject schema, int depth = 0)
        {
            switch (schema["type"])
            {
                case JsonValue single:
                    return new HashSet<string>([single.GetValue<string>()], StringComparer.Ordinal);
                case JsonArray many:
                    return new HashSet<string>(many.Select(type => type!.GetValue<string>()), StringComparer.Ordinal);
            }

            if (depth > 8 || (schema["oneOf"] ?? schema["anyOf"]) is not JsonArray branches)
            {
                return schema["properties"] is not null ? ["object"] : null;
            }

            var types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var branch in branches)
            {
                if (branch is null || Resolve(document, branch) is not { } resolved || Types(document, resolved, depth + 1) is not { } branchTypes)
                {
                    return null;
                }

                types.UnionWith(branchTypes);
            }

            return types;
        }

        // Whether every type of `narrow` is allowed by `wide`; an integer is a number.
        private static bool Covers(HashSet<string> wide, HashSet<string> narrow) =>
            narrow.All(type => wide.Contains(type) || (type == "integer" && wide.Contains("number")));

        private static HashSet<string> Names(JsonNode? node) =>
            new((node as JsonArray ?? []).Select(name => name!.GetValue<string>()), StringComparer.Ordinal);

        private static decimal? Number(JsonNode? node) =>
            node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
                ? decimal.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
                : null;

        private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

        private static string Show(HashSet<string> types) => string.Join("|", types.Order(StringComparer.Ordinal));
    }
}

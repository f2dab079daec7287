using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The document's schemas as JSON Schema 2020-12 (what OpenAPI 3.1's schemas are): the components
/// become one schema resource whose <c>$defs</c> every <c>$ref</c> points into, so a response schema
/// is evaluated with its references resolved.
/// </summary>
public sealed class ContractSchemas
{
    private const string ComponentsPrefix = "#/components/schemas/";
    private static readonly Uri _componentsId = new("https://juicebox.local/openapi/v1/components.json");

    private readonly BuildOptions _buildOptions = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly ConcurrentDictionary<string, JsonSchema> _built = new(StringComparer.Ordinal);

    // Concurrent requests build their schemas at once: each registration needs a URI of its own, and the registry is not thread-safe.
    private readonly Lock _buildLock = new();
    private int _responseSchemas;

    public ContractSchemas(JsonObject document)
    {
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = _componentsId.ToString(),
            ["$defs"] = Rewrite(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject()),
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), _buildOptions, _componentsId);
    }

    /// <summary>Evaluates <paramref name="instance"/> against <paramref name="schema"/> (a schema object of the document).</summary>
    public EvaluationResults Evaluate(JsonNode schema, JsonElement instance)
    {
        var text = schema.ToJsonString();
        var built = _built.GetOrAdd(text, _ =>
        {
            var rewritten = Rewrite(JsonNode.Parse(text)!);
            if (rewritten is JsonObject asObject)
            {
                asObject["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            }

            lock (_buildLock)
            {
                return JsonSchema.Build(JsonSerializer.SerializeToElement(rewritten), _buildOptions,
                    new Uri($"https://juicebox.local/openapi/v1/response/{++_responseSchemas}.json"));
            }
        });
        return built.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    // "#/components/schemas/X" → "<components id>#/$defs/X", everywhere in the tree.
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = $"{_componentsId}#/$defs/{reference[ComponentsPrefix.Length..]}";
                    }
                    else if (value is not null)
                    {
                        Rewrite(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item);
                    }
                }

                break;
        }

        return node;
    }
}

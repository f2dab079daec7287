using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Juicebox.Testing.Fuzzing;

/// <summary>
/// Request bodies: valid JSON built from the operation's schema (with <c>$ref</c>s resolved), and
/// the same broken: truncated, deeply nested, wrong types, huge arrays, invalid UTF-8, not JSON.
/// </summary>
internal sealed class JsonBodyFuzzer(JsonElement document)
{
    private const int MaxSchemaDepth = 6;

    public (byte[]? Body, string? ContentType) Create(Random random, JsonElement? schema)
    {
        var contentType = random.NextDouble() < 0.8 ? "application/json" : FuzzRequestGenerator.OddContentType(random);
        var valid = schema is { } s ? FromSchema(random, s, 0) : RandomValue(random, 0);
        var text = valid?.ToJsonString() ?? "null";
        byte[] body = random.Next(12) switch
        {
            0 or 1 or 2 => Encoding.UTF8.GetBytes(text),
            3 => Encoding.UTF8.GetBytes(text[..random.Next(text.Length + 1)]),
            4 => Encoding.UTF8.GetBytes(Nested(random)),
            5 => Encoding.UTF8.GetBytes(WrongTypes(random, valid)),
            6 => Encoding.UTF8.GetBytes(HugeArray(random)),
            7 => InvalidUtf8(random, text),
            8 => Encoding.UTF8.GetBytes(FuzzRequestGenerator.Pick(random, ["", "null", "{}", "[]", "\"x\"", "123", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{,}", "{\"profileIds\":null}"])),
            9 => RandomBytes(random),
            10 => Encoding.UTF8.GetBytes("{\"query\":\"" + new string('q', random.Next(1_000, 200_000)) + "\"}"),
            _ => Encoding.UTF8.GetBytes(text),
        };
        return (body, contentType);
    }

    private JsonNode? FromSchema(Random random, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxSchemaDepth)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(reference.GetString()) is { } target ? FromSchema(random, target, depth + 1) : null;
        }

        if (random.NextDouble() < 0.05)
        {
            return null;
        }

        switch (OpenApiSchemas.TypeOf(schema))
        {
            case "object":
                var node = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject().Where(property => random.NextDouble() < 0.8))
                    {
                        node[property.Name] = FromSchema(random, property.Value, depth + 1);
                    }
                }

                return node;
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                for (var i = random.Next(0, 6); i > 0; i--)
                {
                    array.Add(FromSchema(random, items, depth + 1));
                }

                return array;
            case "integer":
                return JsonValue.Create(FuzzRequestGenerator.Pick(random, new long[] { 0, 1, -1, 10, 100, 1000, int.MaxValue, long.MinValue }));
            case "number":
                return JsonValue.Create(random.NextDouble() * 1e6);
            case "boolean":
                return JsonValue.Create(random.NextDouble() < 0.5);
            case "string":
                return JsonValue.Create(HostileStrings.Next(random));
            default:
                return RandomValue(random, depth + 1);
        }
    }

    private JsonElement? Resolve(string? reference)
    {
        const string prefix = "#/components/schemas/";
        if (reference is null || !reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return document.TryGetProperty("components", out var components)
            && components.TryGetProperty("schemas", out var schemas)
            && schemas.TryGetProperty(reference[prefix.Length..], out var schema)
                ? schema
                : null;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 4 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next()),
        2 => JsonValue.Create(HostileStrings.Next(random)),
        3 => JsonValue.Create(random.NextDouble() < 0.5),
        4 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(index => RandomValue(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4))
            .Select(i => KeyValuePair.Create("k" + i.ToString(CultureInfo.InvariantCulture), RandomValue(random, depth + 1)))),
    };

    private static string Nested(Random random)
    {
        var depth = random.Next(65, 20_000);
        var (open, close) = random.NextDouble() < 0.5 ? ("[", "]") : ("{\"a\":", "}");
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + (random.NextDouble() < 0.5 ? string.Concat(Enumerable.Repeat(close, depth)) : string.Empty);
    }

    /// <summary>The valid body with each value swapped for one of another JSON type.</summary>
    private static string WrongTypes(Random random, JsonNode? valid)
    {
        if (valid is not JsonObject obj)
        {
            return FuzzRequestGenerator.Pick(random, ["{\"profileIds\":\"x\"}", "{\"query\":123}", "{\"limit\":\"ten\"}", "{\"messageIds\":[\"a\"]}", "{\"autoEnrich\":-5}", "{\"filters\":[1]}"]);
        }

        var wrong = new JsonObject();
        foreach (var (name, value) in obj)
        {
            wrong[name] = value switch
            {
                JsonArray => JsonValue.Create("not an array"),
                JsonObject => new JsonArray(JsonValue.Create(1)),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(random.Next()),
                _ => new JsonObject { ["x"] = "y" },
            };
        }

        return wrong.ToJsonString();
    }

    private static string HugeArray(Random random)
    {
        var count = random.Next(1_000, 60_000);
        var item = FuzzRequestGenerator.Pick(random, ["1", "null", "\"\"", "\"!\"", "{}", "[]", "\"a b\""]);
        var array = "[" + string.Join(",", Enumerable.Repeat(item, count)) + "]";
        return FuzzRequestGenerator.Pick(random, ["{\"profileIds\":" + array + "}", "{\"messageIds\":" + array + "}", array]);
    }

    private static byte[] InvalidUtf8(Random random, string text)
    {
        byte[] bad = FuzzRequestGenerator.Pick(random, new[] { new byte[] { 0xFF, 0xFE }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3] });
        var prefix = Encoding.UTF8.GetBytes("{\"query\":\"a");
        var bytes = random.NextDouble() < 0.5
            ? [.. prefix, .. bad, .. "\"}"u8.ToArray()]
            : Encoding.UTF8.GetBytes(text).Concat(bad).ToArray();
        return bytes;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }
}

using System.Text.Json.Nodes;

namespace Juicebox.Api.Tests.Contract;

/// <summary>Where two JSON documents differ, as JSON paths: a normalized comparison (property order and formatting do not count).</summary>
public static class JsonDifferences
{
    public static IEnumerable<string> Between(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (JsonObject left, JsonObject right):
                foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var at = $"{path}.{name}";
                    if (!left.ContainsKey(name))
                    {
                        yield return $"{at}: only in the served document";
                    }
                    else if (!right.ContainsKey(name))
                    {
                        yield return $"{at}: only in the committed document";
                    }
                    else
                    {
                        foreach (var difference in Between(left[name], right[name], at))
                        {
                            yield return difference;
                        }
                    }
                }

                break;
            case (JsonArray left, JsonArray right) when left.Count == right.Count:
                for (var i = 0; i < left.Count; i++)
                {
                    foreach (var difference in Between(left[i], right[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    yield return $"{path}: committed {Show(expected)}, served {Show(actual)}";
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}

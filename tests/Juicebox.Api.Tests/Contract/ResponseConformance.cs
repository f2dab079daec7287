using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// Checks one response against the document: the route is documented, its status is listed for the
/// operation, its content type is one the status lists, and its JSON body validates against the schema.
/// </summary>
public static class ResponseConformance
{
    /// <summary>Surfaces outside the API's contract, on purpose not in the document.</summary>
    private static readonly string[] _undocumentedSurfaces = ["/dashboard", "/health/", "/metrics", "/openapi/", "/scalar", "/_diagnostics", "/diagnostics", "/js/", "/console.css", "/index.html"];

    /// <summary>The statuses of <c>RequestLimits</c>: a body too slow or too large, a URL too long, headers too large.</summary>
    private static readonly int[] _requestLimitRefusals = [408, 413, 414, 431];

    /// <summary>Whether <paramref name="requestPath"/> lies outside the API's contract (its body is then neither read nor checked).</summary>
    public static bool IsOutsideTheContract(string requestPath) =>
        // The web console's page is at "/" itself, which as a prefix would match everything.
        requestPath == "/" || _undocumentedSurfaces.Any(prefix => requestPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every way the response differs from the document; empty when it conforms (or lies outside the API).</summary>
    public static IReadOnlyList<string> Check(
        ContractDocument document, string method, string requestPath, int status, string? contentType, ReadOnlySpan<byte> body)
    {
        if (IsOutsideTheContract(requestPath))
        {
            return [];
        }

        var template = document.FindPath(requestPath);
        var operation = template is null ? null : document.FindOperation(template, method);
        if (template is null || operation is null)
        {
            // A route the document does not know is only a mismatch when it exists: the router's own 404/405
            // are not operations, nor are the request limits' refusals, which every request meets before its
            // route matters (every operation lists them too: RequestLimitsTransformer).
            return status is 404 or 405 || _requestLimitRefusals.Contains(status)
                ? []
                : [$"{method} {requestPath} answered {status}: no operation in the document matches this route."];
        }

        var name = $"{method} {template} ({operation["operationId"]?.GetValue<string>() ?? "no operationId"})";
        var responses = operation["responses"] as JsonObject ?? [];
        var code = status.ToString(CultureInfo.InvariantCulture);
        var response = responses[code] ?? responses[$"{code[0]}XX"] ?? responses["default"];
        if (response is null)
        {
            return [$"{name} answered {status}, which the document does not list (it lists {string.Join(", ", responses.Select(r => r.Key))})."];
        }

        var content = response["content"] as JsonObject;
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (content is null || content.Count == 0)
        {
            return body.IsEmpty
                ? []
                : [$"{name} answered {status} with a {mediaType ?? "untyped"} body of {body.Length} bytes, but the document lists no content for {status}."];
        }

        if (mediaType is null)
        {
            return body.IsEmpty && status is 304 or 204
                ? []
                : [$"{name} answered {status} without a Content-Type; the document lists {string.Join(", ", content.Select(c => c.Key))}."];
        }

        var media = content[mediaType];
        if (media is null)
        {
            return [$"{name} answered {status} as {mediaType}; the document lists {string.Join(", ", content.Select(c => c.Key))}."];
        }

        // NDJSON (the results export) is JSON a line at a time, not one document: its schema is a string.
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.EndsWith("ndjson", StringComparison.Ordinal) || media["schema"] is not { } schema)
        {
            return [];
        }

        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body.ToArray());
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException malformed)
        {
            return [$"{name} answered {status} as {mediaType}, but the body is not JSON: {malformed.Message}"];
        }

        var results = document.Schemas.Evaluate(schema, instance);
        return results.IsValid
            ? []
            : [.. Describe(results).Select(error => $"{name} answered {status} with a body that breaks its schema: {error}")];
    }

    /// <summary>The leaf errors of an evaluation, each with the JSON path of the value and what the schema expected there.</summary>
    private static IEnumerable<string> Describe(EvaluationResults results)
    {
        var errors = (results.Details ?? [])
            .Prepend(results)
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error =>
                $"at {JsonPath(detail.InstanceLocation.ToString())}: {error.Value} (schema {detail.EvaluationPath}, keyword '{error.Key}')"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["the body does not validate (no detail given)"];
    }

    private static string JsonPath(string pointer)
    {
        var path = new StringBuilder("$");
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path.Append(int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]" : $".{segment}");
        }

        return path.ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Juicebox.Testing.Fuzzing;

/// <summary>
/// Generates hostile requests from an OpenAPI document: every documented operation with random,
/// overlong and malformed path and query values, broken bodies and odd headers, plus wrong methods,
/// unknown paths and the host's undocumented routes. Case <c>i</c> of seed <c>s</c> is always the same
/// request, so a failure is replayed from its seed and index alone.
/// </summary>
public sealed class FuzzRequestGenerator(
    int seed,
    IReadOnlyList<OpenApiRoute> routes,
    JsonElement document,
    FuzzCredentials credentials,
    IReadOnlyList<string> knownProfileIds)
{
    /// <summary>Routes the host serves outside its OpenAPI document.</summary>
    public static readonly IReadOnlyList<string> UndocumentedPaths =
    [
        "/health/live", "/health/ready", "/metrics", "/openapi/v1.json", "/scalar/v1", "/dashboard", "/dashboard/", "/",
        "/index.html", "/_diagnostics/process", "/webhooks/juicebox",
    ];

    private static readonly string[] _methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    private static readonly string[] _contentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz",
        "application/json; charset=utf-16", "application/problem+json", "!!/??", "application/json; charset=\"", "",
    ];

    private readonly JsonBodyFuzzer _bodies = new(document);

    public FuzzCase Create(int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var headers = Headers(random);
        var roll = random.NextDouble();
        if (roll < 0.62 || routes.Count == 0)
        {
            var route = routes[random.Next(routes.Count)];
            var (body, contentType) = route.BodySchema is { } schema || route.Method is "POST" or "PUT" or "PATCH"
                ? _bodies.Create(random, route.BodySchema)
                : random.NextDouble() < 0.05 ? _bodies.Create(random, null) : (null, null);
            return new FuzzCase(index, "documented", route.Method, Target(random, route), headers, body, contentType);
        }

        if (roll < 0.77)
        {
            var route = routes[random.Next(routes.Count)];
            var method = Pick(random, _methods.Where(method => method != route.Method).ToArray());
            var (body, contentType) = random.NextDouble() < 0.5 ? _bodies.Create(random, route.BodySchema) : (null, null);
            return new FuzzCase(index, "wrong-method", method, Target(random, route), headers, body, contentType);
        }

        if (roll < 0.90)
        {
            var (body, contentType) = random.NextDouble() < 0.3 ? _bodies.Create(random, null) : (null, null);
            return new FuzzCase(index, "unknown-path", Pick(random, _methods), UnknownPath(random), headers, body, contentType);
        }

        var path = Pick(random, UndocumentedPaths);
        var query = random.NextDouble() < 0.3 ? "?" + RandomQuery(random) : string.Empty;
        var (extraBody, extraType) = random.NextDouble() < 0.3 ? _bodies.Create(random, null) : (null, null);
        return new FuzzCase(index, "undocumented", Pick(random, _methods), path + query, headers, extraBody, extraType);
    }

    /// <summary>A content type from the odd ones, for bodies the fuzzer sends with something other than JSON.</summary>
    internal static string OddContentType(Random random) => Pick(random, _contentTypes);

    private string Target(Random random, OpenApiRoute route)
    {
        var path = new StringBuilder(route.PathTemplate);
        foreach (var parameter in route.Parameters.Where(parameter => parameter.In == "path"))
        {
            path.Replace("{" + parameter.Name + "}", PathValue(random, parameter));
        }

        List<string> query = [];
        foreach (var parameter in route.Parameters.Where(parameter => parameter.In == "query"))
        {
            var repeat = parameter.IsArray ? random.Next(0, 5) : random.NextDouble() < 0.6 ? 1 : random.NextDouble() < 0.1 ? 2 : 0;
            for (var i = 0; i < repeat; i++)
            {
                query.Add(UrlText.Escape(parameter.Name) + "=" + QueryValue(random, parameter));
            }
        }

        if (random.NextDouble() < 0.15)
        {
            query.Add(RandomQuery(random));
        }

        return query.Count == 0 ? path.ToString() : path + "?" + string.Join("&", query);
    }

    private string PathValue(Random random, OpenApiParameter parameter)
    {
        var roll = random.NextDouble();
        if (parameter.Format == "uuid" && roll < 0.6)
        {
            return Guid.NewGuid().ToString(random.NextDouble() < 0.8 ? "D" : "N", CultureInfo.InvariantCulture);
        }

        if (roll < 0.45 && knownProfileIds.Count > 0)
        {
            return knownProfileIds[random.Next(knownProfileIds.Count)];
        }

        // Without NUL: no server lets a path with one reach the app (Kestrel refuses it with 400 on its own).
        return UrlText.Escape(HostileStrings.Next(random).Replace("\0", string.Empty, StringComparison.Ordinal));
    }

    private static string QueryValue(Random random, OpenApiParameter parameter)
    {
        var roll = random.NextDouble();
        if (parameter.Type == "integer" && roll < 0.5)
        {
            return Pick(random, ["0", "1", "-1", "100", "1001", "2147483648", "-9223372036854775809", "99999999999999999999", "1e3", "0x10"]);
        }

        if (roll < 0.1)
        {
            return Pick(random, ["true", "false", "2026-12-05T08:00:00Z", "2026-13-45", "null", "", "%", "%ZZ", "%FF%FE", "%C3%28", "%ED%A0%80"]);
        }

        return UrlText.Escape(HostileStrings.Next(random));
    }

    private static string RandomQuery(Random random)
    {
        var pairs = Enumerable.Range(0, random.Next(1, 6))
            .Select(index => UrlText.Escape(HostileStrings.Short(random)) + "=" + UrlText.Escape(HostileStrings.Next(random)));
        return string.Join("&", pairs) + (random.NextDouble() < 0.1 ? "&&=&%FF=%FE" : string.Empty);
    }

    private static string UnknownPath(Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.2)
        {
            return Pick(random, [
                "/api", "/api/v1", "/api/v2/profiles/x", "/api/v1/profiles/x/y/z", "/api/v1//profiles", "/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/enrichments/not-a-guid/events", "/api/v1/operator", "/.env", "/api/v1/profiles/..%2f..%2f",
            ]);
        }

        var segments = Enumerable.Range(0, random.Next(1, 6))
            .Select(index => UrlText.Escape(HostileStrings.Next(random).Replace("\0", string.Empty, StringComparison.Ordinal)));
        return (random.NextDouble() < 0.5 ? "/api/v1/" : "/") + string.Join("/", segments);
    }

    private IReadOnlyList<KeyValuePair<string, string>> Headers(Random random)
    {
        List<KeyValuePair<string, string>> headers = [];
        var roll = random.NextDouble();
        var authorization = roll < 0.62 ? $"Bearer {credentials.ApiKey}"
            : roll < 0.72 ? $"Bearer {credentials.OperatorKey}"
            : roll < 0.76 ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + credentials.OperatorKey))
            : roll < 0.80 ? null
            : Pick(random, [
                "", "Bearer", "Bearer ", "bearer " + credentials.ApiKey, "Bearer  " + credentials.ApiKey + " ", "Basic", "Basic !!!!",
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")), "Basic =", "Digest x", "Bearer " + new string('k', 5000),
                "Bearer " + HostileStrings.Next(random), HostileStrings.Next(random),
            ]);
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        if (random.NextDouble() < 0.3)
        {
            headers.Add(new("If-None-Match", Pick(random, [
                "*", "\"abc\"", "W/\"abc\"", "\"unterminated", "W/", ",,,", "\"a\", \"b\", *", string.Join(", ", Enumerable.Repeat("\"x\"", 500)),
                HostileStrings.Next(random), "",
            ])));
        }

        if (random.NextDouble() < 0.3)
        {
            headers.Add(new("X-Correlation-Id", Pick(random, [
                "abc-123", new string('c', 5000), HostileStrings.Next(random), "", " ", "a,b", "ünïcødé", "../../x",
            ])));
        }

        if (random.NextDouble() < 0.1)
        {
            headers.Add(new("Accept", Pick(random, ["*/*", "application/xml", "text/event-stream", "!!", "application/json;q=abc"])));
        }

        if (random.NextDouble() < 0.05)
        {
            headers.Add(new("X-Forwarded-For", HostileStrings.Next(random)));
        }

        return [.. headers.Select(header => KeyValuePair.Create(header.Key, UrlText.Header(header.Value)))];
    }

    internal static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

/// <summary>The keys a fuzzer presents: an ordinary API key and an operator key.</summary>
public sealed record FuzzCredentials(string ApiKey, string OperatorKey);

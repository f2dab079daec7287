using Orleans.Runtime;

namespace Juicebox.GrainInterfaces.Telemetry;

/// <summary>
/// The correlation id that ties together the logs of one caller's request: client-api takes it from
/// <see cref="HeaderName"/> (or makes one), and Orleans' <see cref="RequestContext"/> carries it with
/// every grain call made on the request's behalf, down to the upstream call.
/// </summary>
public static class Correlation
{
    /// <summary>The HTTP header a caller may send the id in, and that every answer carries it back in.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>The longest id taken from a caller.</summary>
    public const int MaxLength = 64;

    /// <summary>The name of the property in log scopes.</summary>
    public const string LogPropertyName = "CorrelationId";

    private const string RequestContextKey = "juicebox.correlation-id";

    /// <summary>The id of the request the current call serves; null outside one.</summary>
    public static string? Current => RequestContext.Get(RequestContextKey) as string;

    /// <summary>Makes <paramref name="id"/> the current id for this flow and the grain calls it makes.</summary>
    public static void Set(string id)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException($"A correlation id is 1 to {MaxLength} letters, digits, '-', '_', '.' or ':'.", nameof(id));
        }

        RequestContext.Set(RequestContextKey, id);
    }

    /// <summary>
    /// True for 1 to <see cref="MaxLength"/> ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c> or
    /// <c>:</c>: enough for a W3C trace id, a GUID or a caller's own scheme, and nothing that could
    /// forge a log line, a header or a JSON field.
    /// </summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}

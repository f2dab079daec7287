using System.Net;
using System.Text;
using System.Text.Json;
using Juicebox.Client.Errors;

namespace Juicebox.Client.Http;

/// <summary>
/// Turns a non-2xx response into the typed exception of its error code. A body that is not the
/// error envelope still gives a <see cref="JuiceboxApiException"/>, with a synthetic
/// <c>HTTP_{status}</c> code and a snippet of what came back.
/// </summary>
internal static class JuiceboxErrorReader
{
    private const int SnippetLength = 200;
    private const string Redacted = "[redacted]";

    public static async Task<JuiceboxApiException> ReadAsync(
        HttpResponseMessage response, RateLimitInfo rateLimit, string? secret, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Create(response.StatusCode, body, rateLimit, secret);
    }

    public static JuiceboxApiException Create(HttpStatusCode status, string? body, RateLimitInfo rateLimit, string? secret)
    {
        // An upstream that echoes the key back (in a 401, say) must not put it into our messages.
        body = Scrub(body, secret);

        if (!TryReadEnvelope(body, out var code, out var message, out var details))
        {
            return new JuiceboxApiException(status, $"HTTP_{(int)status}", Describe(status, body), rateLimit);
        }

        return (code, status) switch
        {
            (JuiceboxErrorCodes.InvalidQuery, HttpStatusCode.BadRequest) =>
                new JuiceboxInvalidQueryException(message, ReadPosition(details), rateLimit, details),
            (JuiceboxErrorCodes.InvalidRequest, HttpStatusCode.BadRequest) =>
                new JuiceboxInvalidRequestException(message, rateLimit, details),
            (JuiceboxErrorCodes.AuthenticationFailed, HttpStatusCode.Unauthorized) =>
                new JuiceboxAuthenticationException(message, rateLimit, details),
            (JuiceboxErrorCodes.PermissionDenied, HttpStatusCode.Forbidden) =>
                new JuiceboxPermissionDeniedException(message, rateLimit, details),
            (JuiceboxErrorCodes.NotFound, HttpStatusCode.NotFound) =>
                new JuiceboxNotFoundException(message, rateLimit, details),
            (JuiceboxErrorCodes.RateLimited, HttpStatusCode.TooManyRequests) =>
                new JuiceboxRateLimitedException(message, rateLimit, details),
            (JuiceboxErrorCodes.QuotaExceeded, HttpStatusCode.TooManyRequests) =>
                new JuiceboxQuotaExceededException(message, rateLimit, details),
            (JuiceboxErrorCodes.InternalError, HttpStatusCode.InternalServerError) =>
                new JuiceboxInternalErrorException(message, rateLimit, details),
            (JuiceboxErrorCodes.ServiceUnavailable, HttpStatusCode.ServiceUnavailable) =>
                new JuiceboxServiceUnavailableException(message, rateLimit, details),

            // An unknown code, or a known one with a status the contract does not pair it with:
            // keep what the upstream said rather than guess which subclass it meant.
            _ => new JuiceboxApiException(status, code, message, rateLimit, details),
        };
    }

    /// <summary>A 2xx answer the client cannot use: unreadable, empty, or against the contract.</summary>
    public static JuiceboxApiException InvalidResponse(HttpStatusCode status, string message, RateLimitInfo rateLimit) =>
        new(status, JuiceboxErrorCodes.InvalidResponse, message, rateLimit);

    /// <summary>A short, single-line piece of a body, for messages about answers we could not read.</summary>
    public static string Snippet(string body)
    {
        var builder = new StringBuilder(Math.Min(body.Length, SnippetLength));
        var lastWasSpace = false;
        foreach (var c in body)
        {
            if (builder.Length == SnippetLength)
            {
                return builder.Append('…').ToString();
            }

            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!(isSpace && lastWasSpace))
            {
                builder.Append(isSpace ? ' ' : c);
            }

            lastWasSpace = isSpace;
        }

        return builder.ToString().Trim();
    }

    private static string Describe(HttpStatusCode status, string? body)
    {
        var head = $"HTTP {(int)status} ({status})";
        return string.IsNullOrWhiteSpace(body)
            ? $"{head} with an empty body"
            : $"{head} with a body that is not a Juicebox error envelope: \"{Snippet(body)}\"";
    }

    private static bool TryReadEnvelope(string? body, out string code, out string message, out JsonElement? details)
    {
        code = string.Empty;
        message = string.Empty;
        details = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("code", out var codeElement)
                || codeElement.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(codeElement.GetString()))
            {
                return false;
            }

            code = codeElement.GetString()!;
            message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
                ? messageElement.GetString() ?? string.Empty
                : string.Empty;
            if (string.IsNullOrWhiteSpace(message))
            {
                message = "(the upstream gave no message)";
            }

            if (error.TryGetProperty("details", out var detailsElement) && detailsElement.ValueKind != JsonValueKind.Null)
            {
                details = detailsElement.Clone();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int? ReadPosition(JsonElement? details) =>
        details is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("position", out var position)
        && position.ValueKind == JsonValueKind.Number
        && position.TryGetInt32(out var offset)
            ? offset
            : null;

    private static string? Scrub(string? text, string? secret) =>
        text is null || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Redacted, StringComparison.Ordinal);
}

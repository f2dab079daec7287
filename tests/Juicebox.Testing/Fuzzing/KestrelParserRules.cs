using System.Text;
using System.Text.Unicode;

namespace Juicebox.Testing.Fuzzing;

/// <summary>
/// The requests Kestrel's HTTP/1.1 parser refuses by itself, before any middleware runs, and how it
/// answers them: a bare status with <c>Content-Length: 0</c> and <c>Connection: close</c>, no body.
/// A request line longer than its <c>MaxRequestLineSize</c> gets 414; a header value whose bytes are
/// not UTF-8 (the out-of-process fuzz sends header text as Latin-1 bytes, which HTTP allows as
/// obs-text) gets 400. The app never sees such a request, so it cannot answer it with a problem
/// document: Kestrel offers no hook for these answers (dotnet/aspnetcore#28248). A fuzz run counts
/// them apart only when the request predicts the refusal and the answer is exactly Kestrel's bare one.
/// </summary>
public sealed record KestrelParserRules(int MaxRequestLineBytes)
{
    /// <summary>
    /// client-api's defaults: Kestrel's request-line limit is twice <c>RequestLimits:MaxUrlLength</c>
    /// (4,096) plus 512 bytes, a backstop above the app's own 414.
    /// </summary>
    public static KestrelParserRules ClientApiDefaults { get; } = new(2 * 4096 + 512);

    /// <summary>The status Kestrel's parser answers <paramref name="request"/> with on its own, or null when it lets the app see it.</summary>
    public int? RefusalOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Method, target and version on one line, its CRLF included, as Kestrel measures it.
        var requestLine = request.Method.Method.Length + 1 + request.RequestUri!.PathAndQuery.Length + " HTTP/1.1\r\n".Length;
        if (requestLine > MaxRequestLineBytes)
        {
            return 414;
        }

        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>());
        return headers.SelectMany(header => header.Value).Any(IsNotUtf8AsLatin1) ? 400 : null;
    }

    /// <summary>Whether <paramref name="response"/> is Kestrel's own refusal: no body, no content type, the connection closed.</summary>
    public static bool IsBareRefusal(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Content.Headers.ContentLength == 0
            && response.Content.Headers.ContentType is null
            && response.Headers.ConnectionClose == true;
    }

    private static bool IsNotUtf8AsLatin1(string value)
    {
        var bytes = Encoding.Latin1.GetBytes(value);
        return bytes.Any(b => b >= 0x80) && !Utf8.IsValid(bytes);
    }
}

using System.Text;

namespace Juicebox.Testing.Fuzzing;

/// <summary>One generated request: what it aims at, and everything needed to send it again.</summary>
public sealed record FuzzCase(
    int Index,
    string Kind,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType)
{
    public HttpRequestMessage ToRequest(Uri baseAddress)
    {
        // Joined as text: a target such as "//x" is a path here, not a host as Uri's resolution would make it.
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + Target));
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return request;
    }

    /// <summary>The case as a reader needs it to write a regression test (long values cut).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"#{Index} [{Kind}] {Method} {Cut(Target, 300)}");
        foreach (var (name, value) in Headers)
        {
            text.Append($" | {name}: {Cut(value, 120)}");
        }

        if (Body is not null)
        {
            text.Append($" | Content-Type: {ContentType ?? "(none)"} | body ({Body.Length} bytes): {Cut(Encoding.UTF8.GetString(Body), 300)}");
        }

        return text.ToString();
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : $"{value[..length]}…({value.Length} chars)";
}

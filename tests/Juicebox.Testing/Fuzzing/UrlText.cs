using System.Text;

namespace Juicebox.Testing.Fuzzing;

/// <summary>Turns any string, lone surrogates included, into URL and header text that an HTTP client will send.</summary>
internal static class UrlText
{
    /// <summary>Percent-encodes every UTF-8 byte but the unreserved characters (lone surrogates become U+FFFD).</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || b == '-' || b == '_' || b == '.' || b == '~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>A header value a client can put on the wire: no control characters, nothing beyond Latin-1.</summary>
    public static string Header(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c < 0x20 || c == 0x7F ? ' ' : c > 0xFF ? '?' : c);
        }

        return text.ToString();
    }
}

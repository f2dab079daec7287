using System.Text;

namespace Juicebox.Testing.Fuzzing;

/// <summary>Strings meant to break parsers: empty, overlong, control characters, odd Unicode, injections.</summary>
internal static class HostileStrings
{
    private static readonly string[] _fixed =
    [
        "", " ", "null", "undefined", "0", "-1", "NaN", "true", "[]", "{}", "'; DROP TABLE profiles; --", "<script>alert(1)</script>",
        "../../etc/passwd", "%00", "\0", "\t\v\f", "\u202e\u200b", "\ud83d\ude00", "\uFFFD", "\uFEFF", "a\u0301", "ＡＢＣ", "名前",
        "${jndi:ldap://x}", "{{7*7}}", "%s%s%s%n", "\\", "\"", "a.b-c_d", "A", "x:y", "profile.id-1_2",
    ];

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    public static string Next(Random random) => random.Next(8) switch
    {
        0 or 1 => FuzzRequestGenerator.Pick(random, _fixed),
        2 => Repeat(random, IdAlphabet, random.Next(1, 129)),
        3 => Repeat(random, IdAlphabet, random.Next(129, 3000)),
        4 => RandomUnicode(random, random.Next(1, 64)),
        5 => LoneSurrogates(random),
        6 => new string(FuzzRequestGenerator.Pick(random, "x%/?#&=+;".ToCharArray()), random.Next(1, 40)),
        _ => Repeat(random, IdAlphabet, random.Next(1, 24)),
    };

    public static string Short(Random random) => random.Next(3) == 0 ? FuzzRequestGenerator.Pick(random, _fixed) : Repeat(random, IdAlphabet, random.Next(1, 12));

    private static string Repeat(Random random, string alphabet, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string RandomUnicode(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.Next(4) switch
            {
                0 => random.Next(0x00, 0x20),
                1 => random.Next(0x80, 0x800),
                2 => random.Next(0xE000, 0xFFFE),
                _ => random.Next(0x1F300, 0x1F6FF),
            };
            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }

    // Lone surrogates become U+FFFD or fail encoding: both are inputs a server must survive.
    private static string LoneSurrogates(Random random) => "x" + (char)random.Next(0xD800, 0xDFFF) + "y";
}

using System.Text.RegularExpressions;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>The parts of <c>deploy/nginx/nginx.conf</c> the deployment tests check, read with plain patterns.</summary>
public sealed partial class NginxConfig
{
    private NginxConfig(string text) => Text = StripComments(text);

    /// <summary>The configuration without comments.</summary>
    public string Text { get; }

    public static NginxConfig Load(string path) => new(File.ReadAllText(path));

    /// <summary>The <c>server</c> addresses (<c>host:port</c>) of the upstream block named <paramref name="upstream"/>.</summary>
    public IReadOnlyList<string> UpstreamServers(string upstream) =>
        [.. UpstreamServerPattern().Matches(Block($"upstream {upstream}")).Select(match => match.Groups["address"].Value)];

    /// <summary>The upstream names of every <c>proxy_pass http://NAME</c>.</summary>
    public IReadOnlyList<string> ProxyPassTargets =>
        [.. ProxyPassPattern().Matches(Text).Select(match => match.Groups["target"].Value)];

    /// <summary>The directives (one per line, trimmed) of the block that opens with <paramref name="header"/>, nested blocks included.</summary>
    public string Block(string header)
    {
        var start = Text.IndexOf(header + " {", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new KeyNotFoundException($"nginx.conf has no block '{header} {{'.");
        }

        var depth = 0;
        for (var index = Text.IndexOf('{', start); index < Text.Length; index++)
        {
            depth += Text[index] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return Text[start..(index + 1)];
            }
        }

        throw new FormatException($"nginx.conf: the block '{header}' is not closed.");
    }

    /// <summary>Whether <paramref name="block"/> has the directive <paramref name="directive"/> (words separated by whitespace), ending with ';'.</summary>
    public static bool HasDirective(string block, string directive) =>
        Regex.IsMatch(block, @"(^|[\s{;])" + string.Join(@"\s+", directive.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)) + @"\s*;");

    private static string StripComments(string text) => CommentPattern().Replace(text, string.Empty);

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\bserver\s+(?<address>[A-Za-z0-9.\-]+:[0-9]+)[^;]*;")]
    private static partial Regex UpstreamServerPattern();

    [GeneratedRegex(@"\bproxy_pass\s+http://(?<target>[A-Za-z0-9_.\-]+)\s*;")]
    private static partial Regex ProxyPassPattern();
}

using System.Text;
using System.Text.RegularExpressions;

namespace Juicebox.Api.Tests.Docs;

/// <summary>The relative links and heading anchors of one Markdown file, code blocks and code spans left out.</summary>
public sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, IReadOnlyList<string> links, IReadOnlySet<string> anchors)
    {
        Path = path;
        Links = links;
        Anchors = anchors;
    }

    public string Path { get; }

    /// <summary>Every link target that is not an absolute URL, e.g. <c>docs/api.md#search</c> or <c>#scaling</c>.</summary>
    public IReadOnlyList<string> Links { get; }

    /// <summary>The anchors GitHub gives the file's headings.</summary>
    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Read(string path)
    {
        List<string> links = [];
        HashSet<string> anchors = [];
        Dictionary<string, int> slugsSeen = [];
        var inFence = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            var text = CodeSpan().Replace(line, "");
            if (Heading().Match(text) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["title"].Value);
                var seen = slugsSeen.GetValueOrDefault(slug);
                slugsSeen[slug] = seen + 1;
                anchors.Add(seen == 0 ? slug : $"{slug}-{seen}");
            }

            links.AddRange(Link().Matches(text)
                .Select(match => match.Groups["target"].Value)
                .Where(target => !Uri.TryCreate(target, UriKind.Absolute, out _)));
        }

        return new MarkdownDocument(path, links, anchors);
    }

    /// <summary>
    /// GitHub's heading anchor: lower case, markup and punctuation dropped (letters, digits, spaces,
    /// hyphens and underscores stay), each space a hyphen.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = LinkMarkup().Replace(heading.Trim(), "${text}");
        var slug = new StringBuilder();
        foreach (var character in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_')
            {
                slug.Append(character);
            }
            else if (character == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkMarkup();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();
}

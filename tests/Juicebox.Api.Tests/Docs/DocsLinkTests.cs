namespace Juicebox.Api.Tests.Docs;

/// <summary>Every relative link in README.md and docs/*.md leads somewhere: the file exists, and its anchor names a heading there.</summary>
public sealed class DocsLinkTests
{
    public static TheoryData<string> Documents() =>
        [.. new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "docs"), "*.md")
            .Select(path => Path.GetRelativePath(RepositoryLayout.Root, path))
            .Order(StringComparer.Ordinal))];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLink_Resolves(string document)
    {
        var path = Path.Combine(RepositoryLayout.Root, document);
        var markdown = MarkdownDocument.Read(path);

        var broken = markdown.Links.Select(link => (link, problem: Problem(path, markdown, link))).Where(result => result.problem is not null).ToList();

        Assert.True(broken.Count == 0, $"{document} has broken links:{Environment.NewLine}{string.Join(Environment.NewLine, broken.Select(result => $"  ({result.link}): {result.problem}"))}");
    }

    [Fact]
    public void Slugs_FollowGitHubsRules()
    {
        Assert.Equal("failure-detection-scaling-out-and-in", MarkdownDocument.Slug("Failure detection, scaling out and in"));
        Assert.Equal("get-apiv1profilesid", MarkdownDocument.Slug("GET /api/v1/profiles/{id}"));
        Assert.Equal("the-sandbox-in-process", MarkdownDocument.Slug("The [sandbox](x.md) in-process"));
    }

    private static string? Problem(string documentPath, MarkdownDocument document, string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var file = Uri.UnescapeDataString(hash < 0 ? link : link[..hash]);
        var anchor = hash < 0 ? null : link[(hash + 1)..];

        var target = file.Length == 0 ? documentPath : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(documentPath)!, file));
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return $"no file or folder {Path.GetRelativePath(RepositoryLayout.Root, target)}";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return "an anchor into a file that is not Markdown";
        }

        var anchors = target == documentPath ? document.Anchors : MarkdownDocument.Read(target).Anchors;
        return anchors.Contains(anchor) ? null : $"no heading with the anchor #{anchor} in {Path.GetRelativePath(RepositoryLayout.Root, target)}";
    }
}

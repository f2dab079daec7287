using Juicebox.Sandbox.Tests.Support;

namespace Juicebox.Sandbox.Tests.Api;

public sealed class DeterminismTests
{
    private static readonly string[] _queries =
    [
        "engineer",
        "title:(manager OR director) AND location:\"united states\"",
        "skills:python OR skills:rust",
        "\"machine learning\"",
    ];

    [Fact]
    public async Task TwoServersWithTheSameSeed_GiveIdenticalProfilesAndPages()
    {
        await using var first = await SandboxServer.StartAsync(SandboxFixture.Options(), cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await SandboxServer.StartAsync(SandboxFixture.Options(), cancellationToken: TestContext.Current.CancellationToken);
        using var a = new SandboxClient(first, SandboxFixture.Key);
        using var b = new SandboxClient(second, SandboxFixture.Key);

        foreach (var query in _queries)
        {
            string? cursorA = null;
            string? cursorB = null;
            for (var page = 0; page < 3; page++)
            {
                var pageA = await a.SearchAsync(query, limit: 25, cursor: cursorA, filters: new { company = "a" });
                var pageB = await b.SearchAsync(query, limit: 25, cursor: cursorB, filters: new { company = "a" });
                Assert.Equal(pageA.Body.GetRawText(), pageB.Body.GetRawText());
                cursorA = pageA.Body.GetProperty("nextCursor").GetString();
                cursorB = pageB.Body.GetProperty("nextCursor").GetString();
                Assert.Equal(cursorA, cursorB);
            }

            Assert.NotNull(cursorA);
        }

        var ids = (await a.SearchAsync("a", limit: 20)).Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        foreach (var id in ids)
        {
            var profileA = await a.GetAsync($"v1/profiles/{id}");
            var profileB = await b.GetAsync($"v1/profiles/{id}");
            Assert.Equal(profileA.Body.GetRawText(), profileB.Body.GetRawText());
        }

        // A cursor from one server works on the other: it only encodes the search and the offset.
        var cursor = (await a.SearchAsync("engineer", limit: 10)).Body.GetProperty("nextCursor").GetString();
        var fromA = await a.SearchAsync("engineer", limit: 10, cursor: cursor);
        var fromB = await b.SearchAsync("engineer", limit: 10, cursor: cursor);
        Assert.Equal(fromA.Body.GetRawText(), fromB.Body.GetRawText());
    }

    [Fact]
    public async Task DifferentSeeds_GiveDifferentCorpora()
    {
        await using var first = await SandboxServer.StartAsync(SandboxFixture.Options(seed: 1), cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await SandboxServer.StartAsync(SandboxFixture.Options(seed: 2), cancellationToken: TestContext.Current.CancellationToken);
        using var a = new SandboxClient(first, SandboxFixture.Key);
        using var b = new SandboxClient(second, SandboxFixture.Key);

        var pageA = await a.SearchAsync("engineer", limit: 20);
        var pageB = await b.SearchAsync("engineer", limit: 20);
        var idsA = pageA.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        var idsB = pageB.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Empty(idsA.Intersect(idsB));
        Assert.NotEqual(
            pageA.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            pageB.Body.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // An id of one corpus is unknown to the other.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await b.GetAsync($"v1/profiles/{idsA[0]}")).Status);
    }
}

using Juicebox.Grains.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>How activating grains' checks of their rows are read together (Embedded mode's real index behind a counter).</summary>
public sealed class ProfileRowVersionReaderTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChecksAskedForLater_WithinTheDelay_AreAnsweredByOneRead_WithEachRowsVersion()
    {
        var corpus = ProfileCorpus.Generate(20);
        var index = new FlakyProfileIndex(new InMemoryProfileIndex());
        var stored = corpus.Profiles.Take(10).ToList();
        foreach (var profile in stored)
        {
            await index.UpsertAsync(profile, ProfileCorpus.StoredAt, Cancel);
        }

        var reader = new ProfileRowVersionReader(index);
        var asked = corpus.Profiles.Select(profile => (profile, version: reader.GetLaterAsync(profile.Id))).ToList();
        var statementsRightAfter = index.VersionStatements;
        await Task.WhenAll(asked.Select(check => check.version)).WaitAsync(WaitLimit, Cancel);

        Assert.Equal(0, statementsRightAfter);
        Assert.Equal(1, index.VersionStatements);
        Assert.All(asked.Take(10), check => Assert.True(check.version.Result?.Covers(check.profile, ProfileCorpus.StoredAt), $"{check.profile.Id}'s row should be current."));
        Assert.All(asked.Skip(10), check => Assert.Null(check.version.Result));
    }

    [Fact]
    public async Task ACheckAskedForLater_SeesARowWrittenAfterItWasAsked()
    {
        var profile = ProfileCorpus.Generate(1).Profiles[0];
        var index = new FlakyProfileIndex(new InMemoryProfileIndex());
        var reader = new ProfileRowVersionReader(index);

        var later = reader.GetLaterAsync(profile.Id);
        await index.UpsertAsync(profile, ProfileCorpus.StoredAt, Cancel);
        var version = await later.WaitAsync(WaitLimit, Cancel);

        Assert.True(version?.Covers(profile, ProfileCorpus.StoredAt), "the row written after the check was asked for should be the one read");
        Assert.Null(await reader.GetLaterAsync("never-stored").WaitAsync(WaitLimit, Cancel));
    }
}

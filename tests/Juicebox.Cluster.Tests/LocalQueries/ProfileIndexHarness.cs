using Juicebox.Grains.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// One implementation of <see cref="IProfileIndex"/> for the contract tests: an index seeded once
/// with <see cref="Corpus"/> for the read-only tests, and fresh empty ones for tests that write.
/// </summary>
public abstract class ProfileIndexHarness : IAsyncLifetime
{
    public const int CorpusSize = 3_000;

    private IProfileIndex? _seeded;

    public ProfileCorpus Corpus { get; } = ProfileCorpus.Generate(CorpusSize);

    /// <summary>An index holding every profile of <see cref="Corpus"/>, stored at <see cref="ProfileCorpus.StoredAt"/>; do not write to it.</summary>
    public IProfileIndex Seeded => _seeded ?? throw new InvalidOperationException("The harness is initialized by xUnit.");

    /// <summary>A new, empty index of this implementation.</summary>
    public abstract Task<IProfileIndex> CreateEmptyAsync();

    public async ValueTask InitializeAsync()
    {
        _seeded = await CreateEmptyAsync();
        await SeedAsync(_seeded, Corpus.Profiles);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public static async Task SeedAsync(IProfileIndex index, IEnumerable<ProfileData> profiles)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken };
        await Parallel.ForEachAsync(profiles, options, async (profile, cancel) =>
            Assert.True(await index.UpsertAsync(profile, ProfileCorpus.StoredAt, cancel), $"Seeding {profile.Id} wrote nothing."));
    }
}

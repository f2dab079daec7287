using System.Collections.Concurrent;
using Juicebox.GrainInterfaces.LocalQueries;
using Juicebox.Grains.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// The real index with writes of chosen profiles made to fail, as if PostgreSQL had refused them;
/// everything else, and every write once healed, goes to the real index.
/// </summary>
public sealed class FlakyProfileIndex(IProfileIndex inner) : IProfileIndex
{
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _versionReads = new(StringComparer.Ordinal);
    private int _versionStatements;

    /// <summary>How many upserts and deletes of <paramref name="profileId"/> reached the real index.</summary>
    public int Writes(string profileId) => _writes.GetValueOrDefault(profileId);

    /// <summary>How many reads of the versions of rows, <paramref name="profileId"/>'s among them, the real index answered.</summary>
    public int VersionReads(string profileId) => _versionReads.GetValueOrDefault(profileId);

    /// <summary>How many reads of the versions of rows (each any number of profiles') the real index answered.</summary>
    public int VersionStatements => Volatile.Read(ref _versionStatements);

    /// <summary>Makes every write of <paramref name="profileId"/> fail until <see cref="Heal"/>.</summary>
    public void Break(string profileId) => _failing[profileId] = 0;

    /// <summary>Lets writes of <paramref name="profileId"/> through again; returns how many failed.</summary>
    public int Heal(string profileId) => _failing.TryRemove(profileId, out var failed) ? failed : 0;

    /// <summary>How many writes of <paramref name="profileId"/> have failed since <see cref="Break"/>.</summary>
    public int FailedWrites(string profileId) => _failing.TryGetValue(profileId, out var failed) ? failed : 0;

    public Task<bool> UpsertAsync(ProfileData profile, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        ThrowIfBroken(profile.Id);
        _writes.AddOrUpdate(profile.Id, 1, (_, writes) => writes + 1);
        return inner.UpsertAsync(profile, storedAt, cancellationToken);
    }

    public Task<bool> DeleteAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ThrowIfBroken(profileId);
        _writes.AddOrUpdate(profileId, 1, (_, writes) => writes + 1);
        return inner.DeleteAsync(profileId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ProfileRowVersion>> GetVersionsAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        var versions = await inner.GetVersionsAsync(profileIds, cancellationToken);
        Interlocked.Increment(ref _versionStatements);
        foreach (var id in profileIds)
        {
            _versionReads.AddOrUpdate(id, 1, (_, reads) => reads + 1);
        }

        return versions;
    }

    public Task<ProfileQueryPage> QueryAsync(ProfileQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(query, cancellationToken);

    public Task TouchAsync(string profileId, DateTimeOffset readAt, CancellationToken cancellationToken = default) =>
        inner.TouchAsync(profileId, readAt, cancellationToken);

    public Task<IReadOnlyList<string>> FindUnusedAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        inner.FindUnusedAsync(cutoff, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<string>> FindEnrichedBeforeAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        inner.FindEnrichedBeforeAsync(cutoff, afterId, limit, cancellationToken);

    private void ThrowIfBroken(string profileId)
    {
        if (_failing.ContainsKey(profileId))
        {
            _failing.AddOrUpdate(profileId, 1, (_, failed) => failed + 1);
            throw new InvalidOperationException("The profile index is failing on purpose (test).");
        }
    }
}

using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// The profile index of Embedded mode: this process's memory, lost when it stops (as is the grain
/// state it copies). Behaves exactly as <see cref="PostgresProfileIndex"/> does, including the
/// microsecond precision of times. Queries scan every entry; Embedded mode holds modest numbers.
/// </summary>
public sealed class InMemoryProfileIndex : IProfileIndex
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, ProfileIndexEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastReads = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<bool> UpsertAsync(ProfileData profile, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        var entry = ProfileIndexEntry.From(profile, storedAt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_entries.TryGetValue(entry.Id, out var held)
                && (held.StoredAt > entry.StoredAt || (held.StoredAt == entry.StoredAt && held.HasSameContent(entry))))
            {
                return Task.FromResult(false);
            }

            _entries[entry.Id] = entry;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, ProfileRowVersion>> GetVersionsAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        var versions = new Dictionary<string, ProfileRowVersion>(profileIds.Count, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var id in profileIds)
            {
                if (_entries.TryGetValue(id, out var held))
                {
                    versions[id] = new ProfileRowVersion(held.StoredAt, held.EnrichedAt);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, ProfileRowVersion>>(versions);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _lastReads.Remove(profileId);
            return Task.FromResult(_entries.Remove(profileId));
        }
    }

    /// <inheritdoc/>
    public Task TouchAsync(string profileId, DateTimeOffset readAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        var at = ProfileQueryRules.ToStoredPrecision(readAt);
        lock (_lock)
        {
            if (_entries.ContainsKey(profileId) && (!_lastReads.TryGetValue(profileId, out var held) || held < at))
            {
                _lastReads[profileId] = at;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> FindUnusedAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        FindIds(entry => Max(entry.StoredAt, _lastReads.GetValueOrDefault(entry.Id)) < cutoff, afterId, limit);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> FindEnrichedBeforeAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        FindIds(entry => entry.EnrichedAt < cutoff, afterId, limit);

    private Task<IReadOnlyList<string>> FindIds(Func<ProfileIndexEntry, bool> matches, string? afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            IReadOnlyList<string> ids = [.. _entries.Values
                .Where(entry => (afterId is null || string.CompareOrdinal(entry.Id, afterId) > 0) && matches(entry))
                .Take(limit)
                .Select(entry => entry.Id)];
            return Task.FromResult(ids);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <inheritdoc/>
    public Task<ProfileQueryPage> QueryAsync(ProfileQuery query, CancellationToken cancellationToken = default)
    {
        ProfileQueryRules.ThrowIfInvalid(query);
        cancellationToken.ThrowIfCancellationRequested();
        var filter = ProfileIndexFilter.From(query);
        List<ProfileIndexEntry> page = [];
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                if (filter.After is { } after && string.CompareOrdinal(entry.Id, after) <= 0)
                {
                    continue;
                }

                if (filter.Matches(entry))
                {
                    page.Add(entry);
                    if (page.Count > query.Limit)
                    {
                        break;
                    }
                }
            }
        }

        return Task.FromResult(ProfileIndexFilter.ToPage(query, [.. page.Select(entry => entry.ToListing())]));
    }
}

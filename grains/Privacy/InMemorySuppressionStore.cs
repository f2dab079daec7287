namespace Juicebox.Grains.Privacy;

/// <summary>The suppression list of Embedded mode: this process's memory, lost when it stops (as is everything it suppresses).</summary>
public sealed class InMemorySuppressionStore : ISuppressionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task AddAsync(byte[] hash, DateTimeOffset at, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        lock (_lock)
        {
            _until[Convert.ToHexString(hash)] = until;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlySet<int>> FindAsync(IReadOnlyList<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new HashSet<int>();
        lock (_lock)
        {
            for (var i = 0; i < hashes.Count; i++)
            {
                if (_until.TryGetValue(Convert.ToHexString(hashes[i]), out var until) && until > now)
                {
                    found.Add(i);
                }
            }
        }

        return Task.FromResult<IReadOnlySet<int>>(found);
    }

    /// <inheritdoc/>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var expired = _until.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList();
            expired.ForEach(key => _until.Remove(key));
            return Task.FromResult(expired.Count);
        }
    }
}

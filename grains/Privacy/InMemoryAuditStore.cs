using Juicebox.GrainInterfaces.Privacy;

namespace Juicebox.Grains.Privacy;

/// <summary>The audit log of Embedded mode: this process's memory, the newest <see cref="Capacity"/> rows.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    /// <summary>Embedded mode is for development: older rows are dropped beyond this many.</summary>
    public const int Capacity = 100_000;

    private readonly Lock _lock = new();
    private readonly LinkedList<AuditEntry> _entries = [];
    private long _lastId;

    /// <inheritdoc/>
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _entries.AddLast(entry with { Id = ++_lastId });
                if (_entries.Count > Capacity)
                {
                    _entries.RemoveFirst();
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            IReadOnlyList<AuditEntry> page = [.. _entries.Where(entry => afterId is null || entry.Id > afterId).Take(limit)];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<int> PseudonymizeAsync(string profileId, string pseudonym, CancellationToken cancellationToken = default)
    {
        var renamed = 0;
        lock (_lock)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.ProfileId, profileId, StringComparison.Ordinal))
                {
                    node.Value = node.Value with { ProfileId = pseudonym };
                    renamed++;
                }
            }
        }

        return Task.FromResult(renamed);
    }

    /// <inheritdoc/>
    public Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var deleted = 0;
        lock (_lock)
        {
            for (var node = _entries.First; node is not null && deleted < limit;)
            {
                var next = node.Next;
                if (node.Value.At < cutoff)
                {
                    _entries.Remove(node);
                    deleted++;
                }

                node = next;
            }
        }

        return Task.FromResult(deleted);
    }
}

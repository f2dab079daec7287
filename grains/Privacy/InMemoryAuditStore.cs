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
}

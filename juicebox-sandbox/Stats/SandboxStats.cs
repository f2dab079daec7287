using System.Collections.Concurrent;
using System.Globalization;

namespace Juicebox.Sandbox.Stats;

/// <summary>
/// Exact, thread-safe counters of what the sandbox answered, so tests can count upstream calls.
/// </summary>
public sealed class SandboxStats
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentDictionary<int, byte> _enrichedProfiles = new();
    private long _enrichmentsCharged;

    public void RecordCall(string call)
    {
        _calls.AddOrUpdate(call, 1, static (_, count) => count + 1);
    }

    public void RecordStatus(int status)
    {
        _statuses.AddOrUpdate(status, 1, static (_, count) => count + 1);
    }

    /// <summary>Records the profiles (by corpus index) whose enrichment was charged.</summary>
    public void RecordEnrichments(IReadOnlyCollection<int> profileIndexes)
    {
        Interlocked.Add(ref _enrichmentsCharged, profileIndexes.Count);
        foreach (var index in profileIndexes)
        {
            _enrichedProfiles.TryAdd(index, 0);
        }
    }

    public long CallCount(string call)
    {
        return _calls.GetValueOrDefault(call);
    }

    public SandboxStatsSnapshot Snapshot()
    {
        return new SandboxStatsSnapshot(
            new SortedDictionary<string, long>(_calls, StringComparer.Ordinal),
            new SortedDictionary<string, long>(
                _statuses.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value),
                StringComparer.Ordinal),
            new EnrichmentStats(Interlocked.Read(ref _enrichmentsCharged), _enrichedProfiles.Count));
    }

    public void Reset()
    {
        _calls.Clear();
        _statuses.Clear();
        _enrichedProfiles.Clear();
        Interlocked.Exchange(ref _enrichmentsCharged, 0);
    }
}

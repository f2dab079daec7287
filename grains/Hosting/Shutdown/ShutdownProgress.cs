using System.Collections.Concurrent;

namespace Juicebox.Grains.Hosting.Shutdown;

/// <summary>
/// Whether this host is stopping, and which steps of its stop have begun and not finished, so that a
/// stop cut short by the deadline can say what it could not do. Thread-safe.
/// </summary>
public sealed class ShutdownProgress(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);
    private long _stoppingSinceTicks;

    /// <summary>Set from the moment the host was told to stop (SIGTERM): report not ready, take no new work.</summary>
    public bool IsStopping => Volatile.Read(ref _stoppingSinceTicks) != 0;

    /// <summary>When the stop began; null while the host runs.</summary>
    public DateTimeOffset? StoppingSince =>
        Volatile.Read(ref _stoppingSinceTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Marks the host as stopping; later calls change nothing.</summary>
    public void BeginStopping() => Interlocked.CompareExchange(ref _stoppingSinceTicks, clock.GetUtcNow().UtcTicks, 0);

    /// <summary>A step of the stop has begun; <paramref name="unfinished"/> says what is left undone if it never finishes.</summary>
    public void Begin(string step, string unfinished) => _pending[step] = unfinished;

    public void Finish(string step) => _pending.TryRemove(step, out _);

    /// <summary>What each step that began and did not finish leaves undone.</summary>
    public IReadOnlyList<string> Unfinished() => [.. _pending.OrderBy(step => step.Key, StringComparer.Ordinal).Select(step => step.Value)];
}

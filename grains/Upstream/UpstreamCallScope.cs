using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Grains.Upstream;

/// <summary>
/// Tells the cluster rate limiter what the upstream calls made inside the scope are. Calls outside
/// any scope are interactive (a caller is waiting) and spend no enrichments.
/// </summary>
public static class UpstreamCallScope
{
    private static readonly AsyncLocal<UpstreamCallKind?> _current = new();

    internal static UpstreamCallKind Current => _current.Value ?? UpstreamCallKind.Interactive;

    /// <summary>
    /// Background work that spends <paramref name="enrichments"/> enrichments: it yields to interactive
    /// calls and never waits long. Await the call inside the scope:
    /// <c>using (UpstreamCallScope.Background(ids.Count)) { await juicebox.EnrichBatchAsync(ids, ct); }</c>;
    /// when the budget has no room the call is not sent and throws <see cref="JuiceboxThrottledException"/>.
    /// </summary>
    public static IDisposable Background(int enrichments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(enrichments);
        return Enter(new UpstreamCallKind(UpstreamCallPriority.Background, enrichments, Metered: true));
    }

    /// <summary>Calls the rate limiter makes itself, which must not wait for it.</summary>
    internal static IDisposable Bypass() => Enter(UpstreamCallKind.Unmetered);

    private static Scope Enter(UpstreamCallKind kind)
    {
        var previous = _current.Value;
        _current.Value = kind;
        return new Scope(previous);
    }

    private sealed class Scope(UpstreamCallKind? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}

/// <summary>What a call made in the current scope asks of the budget; unmetered calls ask nothing.</summary>
internal sealed record UpstreamCallKind(UpstreamCallPriority Priority, int Enrichments, bool Metered)
{
    public static UpstreamCallKind Interactive { get; } = new(UpstreamCallPriority.Interactive, 0, Metered: true);

    public static UpstreamCallKind Unmetered { get; } = new(UpstreamCallPriority.Interactive, 0, Metered: false);

    public UpstreamPermitRequest ToRequest() => new() { Priority = Priority, Enrichments = Enrichments };
}

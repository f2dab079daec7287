namespace Juicebox.Grains.Upstream;

/// <summary>
/// Tells the cluster rate limiter what the upstream calls made inside the scope are. Calls outside
/// any scope are interactive (a caller is waiting) and spend no enrichments.
/// </summary>
public static class UpstreamCallScope
{
    private static readonly AsyncLocal<UpstreamCallKind?> CurrentKind = new();

    internal static UpstreamCallKind Current => CurrentKind.Value ?? UpstreamCallKind.Interactive;

    /// <summary>Background work that spends <paramref name="enrichments"/> enrichments: it yields to interactive calls and never waits long.</summary>
    public static IDisposable Background(int enrichments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(enrichments);
        return Enter(new UpstreamCallKind(UpstreamPriority.Background, enrichments));
    }

    /// <summary>Calls the rate limiter makes itself, which must not wait for it.</summary>
    internal static IDisposable Bypass() => Enter(UpstreamCallKind.Unmetered);

    private static Scope Enter(UpstreamCallKind kind)
    {
        var previous = CurrentKind.Value;
        CurrentKind.Value = kind;
        return new Scope(previous);
    }

    private sealed class Scope(UpstreamCallKind? previous) : IDisposable
    {
        public void Dispose() => CurrentKind.Value = previous;
    }
}

internal enum UpstreamPriority
{
    Interactive,
    Background,
    Unmetered,
}

internal sealed record UpstreamCallKind(UpstreamPriority Priority, int Enrichments)
{
    public static UpstreamCallKind Interactive { get; } = new(UpstreamPriority.Interactive, 0);

    public static UpstreamCallKind Unmetered { get; } = new(UpstreamPriority.Unmetered, 0);
}

namespace Juicebox.Grains;

/// <summary>Keys of keyed services the grains take.</summary>
public static class JuiceboxServiceKeys
{
    /// <summary>
    /// The <see cref="TimeProvider"/> that decides freshness. It is keyed so that tests can move the
    /// grains' clock without moving the clock Orleans itself runs on.
    /// </summary>
    public const string CacheClock = "Juicebox.CacheClock";

    /// <summary>
    /// The <see cref="TimeProvider"/> the upstream budget paces calls on, and the rate-limit handler
    /// waits for its slot on. Separate from <see cref="CacheClock"/> so that moving freshness time in a
    /// test does not move (or freeze) the pace.
    /// </summary>
    public const string UpstreamClock = "Juicebox.UpstreamClock";
}

namespace Juicebox.Grains;

/// <summary>Keys of keyed services the grains take.</summary>
public static class JuiceboxServiceKeys
{
    /// <summary>
    /// The <see cref="TimeProvider"/> that decides freshness. It is keyed so that tests can move the
    /// grains' clock without moving the clock Orleans itself runs on.
    /// </summary>
    public const string CacheClock = "Juicebox.CacheClock";
}

namespace Juicebox.Sandbox.Accounts;

/// <summary>The fixed, UTC-aligned windows limits are counted in: the rate window (a minute), the day and the month.</summary>
internal static class UsageWindows
{
    /// <summary>The start of the rate window (a minute, unless <c>Sandbox:RateWindow</c> says otherwise) <paramref name="now"/> is in.</summary>
    public static DateTimeOffset RateWindowStart(DateTimeOffset now, TimeSpan window)
    {
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
    }

    public static DateTimeOffset DayStart(DateTimeOffset now)
    {
        return new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
    }

    public static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Whole seconds until <paramref name="reset"/>, at least one, as retry-after wants them.</summary>
    public static TimeSpan Until(DateTimeOffset reset, DateTimeOffset now)
    {
        var seconds = Math.Ceiling((reset - now).TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }
}

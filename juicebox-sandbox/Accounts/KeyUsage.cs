namespace Juicebox.Sandbox.Accounts;

/// <summary>The counters of one key. Not thread-safe on its own: <see cref="UsageTracker"/> locks it.</summary>
internal sealed class KeyUsage
{
    public DateTimeOffset MinuteStart { get; private set; }

    public int RequestsThisMinute { get; set; }

    public DateTimeOffset DayStart { get; private set; }

    public int RequestsToday { get; set; }

    public DateTimeOffset MonthStart { get; private set; }

    public int Searches { get; set; }

    public int Enrichments { get; set; }

    /// <summary>Starts new windows for whatever periods have ended since the last call.</summary>
    public void Roll(DateTimeOffset now, TimeSpan rateWindow)
    {
        var minute = UsageWindows.RateWindowStart(now, rateWindow);
        if (minute != MinuteStart)
        {
            MinuteStart = minute;
            RequestsThisMinute = 0;
        }

        var day = UsageWindows.DayStart(now);
        if (day != DayStart)
        {
            DayStart = day;
            RequestsToday = 0;
        }

        var month = UsageWindows.MonthStart(now);
        if (month != MonthStart)
        {
            MonthStart = month;
            Searches = 0;
            Enrichments = 0;
        }
    }
}

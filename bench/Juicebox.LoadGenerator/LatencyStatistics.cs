namespace Juicebox.LoadGenerator;

/// <summary>Exact latency figures from every recorded value, percentiles by the nearest-rank method.</summary>
public static class LatencyStatistics
{
    /// <summary>
    /// Summarises <paramref name="ticks"/> (sorted in place) measured at <paramref name="ticksPerSecond"/>,
    /// e.g. <see cref="System.Diagnostics.Stopwatch.Frequency"/>; all zero when there are none.
    /// </summary>
    public static LatencySummary Summarize(long[] ticks, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerSecond, 1);
        if (ticks.Length == 0)
        {
            return new LatencySummary();
        }

        Array.Sort(ticks);
        var millisecondsPerTick = 1000.0 / ticksPerSecond;
        var total = 0.0;
        foreach (var value in ticks)
        {
            total += value;
        }

        return new LatencySummary
        {
            Mean = total / ticks.Length * millisecondsPerTick,
            P50 = NearestRank(ticks, 50) * millisecondsPerTick,
            P90 = NearestRank(ticks, 90) * millisecondsPerTick,
            P99 = NearestRank(ticks, 99) * millisecondsPerTick,
            P999 = NearestRank(ticks, 99.9) * millisecondsPerTick,
            Max = ticks[^1] * millisecondsPerTick,
        };
    }

    /// <summary>
    /// The smallest value with at least <paramref name="percentile"/> % of the values at or below it:
    /// the value at rank ⌈p/100 × n⌉ of the ascending <paramref name="sorted"/>.
    /// </summary>
    public static long NearestRank(ReadOnlySpan<long> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("There are no values.", nameof(sorted));
        }

        if (!(percentile > 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is in (0, 100].");
        }

        // Decimal keeps 99.9 % of 1000 at exactly rank 999, where doubles can round up to 1000.
        var rank = (int)Math.Ceiling((decimal)percentile * sorted.Length / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

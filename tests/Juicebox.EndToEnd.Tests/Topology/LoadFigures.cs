using System.Globalization;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>
/// Throughput of a <see cref="ReadLoad"/> around an event (a silo added, stopped or killed): successful
/// reads a second before it, and how long after it the load ran at its full rate again.
/// </summary>
public static class LoadFigures
{
    /// <summary>A second after the event counts as recovered when it completes at least this share of the baseline's reads...</summary>
    public const double FullRateShare = 0.9;

    /// <summary>...and every second after it does too, for at least this many seconds.</summary>
    public const int SecondsToConfirmRecovery = 3;

    /// <summary>Successful reads a second that ended in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static double SuccessRate(IEnumerable<TimedRead> reads, TimeSpan from, TimeSpan to) =>
        reads.Count(read => read.Response.IsOk && read.EndedAt >= from && read.EndedAt < to) / (to - from).TotalSeconds;

    /// <summary>Successful reads in each whole second after <paramref name="eventAt"/>, up to the last read's end.</summary>
    public static IReadOnlyList<int> SecondsAfter(IReadOnlyList<TimedRead> reads, TimeSpan eventAt)
    {
        if (reads.Count == 0)
        {
            return [];
        }

        var seconds = (int)Math.Floor((reads.Max(read => read.EndedAt) - eventAt).TotalSeconds);
        var counts = new int[Math.Max(0, seconds)];
        foreach (var read in reads.Where(read => read.Response.IsOk && read.EndedAt >= eventAt))
        {
            var second = (int)Math.Floor((read.EndedAt - eventAt).TotalSeconds);
            if (second < counts.Length)
            {
                counts[second]++;
            }
        }

        return counts;
    }

    /// <summary>
    /// How long after <paramref name="eventAt"/> the load was back at full rate: the start of the first
    /// second from which every second completed at least <see cref="FullRateShare"/> of
    /// <paramref name="baseline"/> and no read that started in it failed. Null until that has held for
    /// <see cref="SecondsToConfirmRecovery"/> seconds.
    /// </summary>
    public static TimeSpan? RecoveredAfter(IReadOnlyList<TimedRead> reads, TimeSpan eventAt, double baseline)
    {
        var seconds = SecondsAfter(reads, eventAt);
        var failedSeconds = reads
            .Where(read => !read.Response.IsOk && read.StartedAt >= eventAt)
            .Select(read => (int)Math.Floor((read.StartedAt - eventAt).TotalSeconds))
            .ToHashSet();
        var recoveredFrom = seconds.Count;
        for (var second = seconds.Count - 1; second >= 0; second--)
        {
            if (seconds[second] < FullRateShare * baseline || failedSeconds.Contains(second))
            {
                break;
            }

            recoveredFrom = second;
        }

        return seconds.Count - recoveredFrom >= SecondsToConfirmRecovery ? TimeSpan.FromSeconds(recoveredFrom) : null;
    }

    /// <summary>Reads that failed, by kind (status and problem type, or no answer).</summary>
    public static string FailureKinds(IEnumerable<TimedRead> reads) => string.Join(", ", reads
        .Where(read => !read.Response.IsOk)
        .GroupBy(read => read.Response.Status is { } status ? $"{(int)status} {read.Response.ProblemType}" : "no answer")
        .Select(group => $"{group.Count()} × {group.Key}"));

    /// <summary>p50, p99 and max latency of the reads that started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static string Latencies(IEnumerable<TimedRead> reads, TimeSpan from, TimeSpan to)
    {
        var sorted = reads.Where(read => read.StartedAt >= from && read.StartedAt < to)
            .Select(read => read.Response.Elapsed.TotalMilliseconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(sorted, 0.5):0} ms, p99 {Percentile(sorted, 0.99):0} ms, max {Percentile(sorted, 1):0} ms");
    }

    public static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0} s");

    public static string Rate(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0}/s");

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}

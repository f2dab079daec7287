using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Reporting;

/// <summary>Latency percentiles of timings the bench took itself (the PostgreSQL ceiling), as the load generator reports its own.</summary>
public static class Percentiles
{
    public static LatencySummary Summarize(IEnumerable<double> milliseconds)
    {
        double[] sorted = [.. milliseconds.Order()];
        if (sorted.Length == 0)
        {
            return new LatencySummary();
        }

        return new LatencySummary
        {
            Mean = sorted.Average(),
            P50 = At(sorted, 0.50),
            P90 = At(sorted, 0.90),
            P99 = At(sorted, 0.99),
            P999 = At(sorted, 0.999),
            Max = sorted[^1],
        };
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="quantile"/> of the values at or below it.</summary>
    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

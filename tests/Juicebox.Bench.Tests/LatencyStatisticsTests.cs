namespace Juicebox.Bench.Tests;

/// <summary>Exact nearest-rank percentiles over every recorded latency.</summary>
public sealed class LatencyStatisticsTests
{
    // A tick per millisecond keeps the expected values readable.
    private const long TicksPerSecond = 1000;

    [Fact]
    public void Summarize_OneToOneThousand_GivesNearestRanks()
    {
        var ticks = Enumerable.Range(1, 1000).Select(value => (long)value).ToArray();
        new Random(3).Shuffle(ticks);

        var summary = LatencyStatistics.Summarize(ticks, TicksPerSecond);

        Assert.Equal(new LatencySummary { Mean = 500.5, P50 = 500, P90 = 900, P99 = 990, P999 = 999, Max = 1000 }, summary);
    }

    [Fact]
    public void Summarize_TenValues_RoundsRanksUp()
    {
        long[] ticks = [10, 90, 20, 80, 30, 70, 40, 60, 50, 1000];

        var summary = LatencyStatistics.Summarize(ticks, TicksPerSecond);

        // Ranks ⌈5⌉, ⌈9⌉, ⌈9.9⌉ and ⌈9.99⌉ of 10.
        Assert.Equal(new LatencySummary { Mean = 145, P50 = 50, P90 = 90, P99 = 1000, P999 = 1000, Max = 1000 }, summary);
    }

    [Fact]
    public void Summarize_ConvertsTicksToMilliseconds()
    {
        var summary = LatencyStatistics.Summarize([2_000_000, 4_000_000], ticksPerSecond: 1_000_000_000);

        Assert.Equal(2, summary.P50, 9);
        Assert.Equal(4, summary.Max, 9);
        Assert.Equal(3, summary.Mean, 9);
    }

    [Fact]
    public void Summarize_NoValues_IsAllZero() =>
        Assert.Equal(new LatencySummary(), LatencyStatistics.Summarize([], TicksPerSecond));

    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(99.9, 100)]
    [InlineData(0.5, 1)]
    [InlineData(100, 100)]
    public void NearestRank_OfOneToOneHundred(double percentile, long expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(value => (long)value).ToArray();

        Assert.Equal(expected, LatencyStatistics.NearestRank(sorted, percentile));
    }
}

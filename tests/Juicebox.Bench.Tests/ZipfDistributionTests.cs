namespace Juicebox.Bench.Tests;

/// <summary>The Zipf sampler behind <see cref="LoadOrder.Zipf"/>.</summary>
public sealed class ZipfDistributionTests
{
    private const int Ranks = 1000;
    private const int Samples = 200_000;

    [Fact]
    public void Sample_FollowsOneOverRank_ForExponentOne()
    {
        var zipf = new ZipfDistribution(Ranks, 1.0);
        var harmonic = Enumerable.Range(1, Ranks).Sum(rank => 1.0 / rank);
        var counts = new int[Ranks];
        var random = new Random(42);
        for (var i = 0; i < Samples; i++)
        {
            counts[zipf.Sample(random)]++;
        }

        // One standard deviation of rank 1's frequency is about 0.00076 here.
        for (var rank = 1; rank <= 5; rank++)
        {
            Assert.InRange(counts[rank - 1] / (double)Samples, (1.0 / (rank * harmonic)) - 0.004, (1.0 / (rank * harmonic)) + 0.004);
        }

        var perRankByBlock = new[] { (0, 10), (10, 100), (100, 1000) }
            .Select(block => counts[block.Item1..block.Item2].Average())
            .ToArray();
        Assert.True(
            perRankByBlock[0] > perRankByBlock[1] && perRankByBlock[1] > perRankByBlock[2],
            $"Mean samples per rank over ranks 1-10, 11-100, 101-1000 should decrease: {string.Join(", ", perRankByBlock)}");
        Assert.True(counts[0] > counts[1] && counts[1] > counts[2], "The first three ranks should be drawn in decreasing numbers.");
    }

    [Fact]
    public void Probabilities_SumToOne_AndFallWithRank()
    {
        var zipf = new ZipfDistribution(Ranks, 1.2);

        Assert.Equal(1.0, Enumerable.Range(0, Ranks).Sum(zipf.Probability), 9);
        Assert.All(Enumerable.Range(1, Ranks - 1), index => Assert.True(zipf.Probability(index) < zipf.Probability(index - 1)));
        Assert.Equal(Math.Pow(2, 1.2), zipf.Probability(0) / zipf.Probability(1), 9);
    }

    [Fact]
    public void Sample_IsTheSameSequence_ForTheSameSeed()
    {
        var zipf = new ZipfDistribution(Ranks, 1.0);

        var first = Draw(zipf, seed: 7);
        var again = Draw(zipf, seed: 7);
        var other = Draw(zipf, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, index => Assert.InRange(index, 0, Ranks - 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_RejectsAnExponentThatIsNotPositive(double exponent)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfDistribution(Ranks, exponent));
        Assert.Equal("exponent", exception.ParamName);
    }

    [Fact]
    public void Constructor_RejectsNoRanks() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfDistribution(0, 1.0));

    private static int[] Draw(ZipfDistribution zipf, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 1000).Select(_ => zipf.Sample(random))];
    }
}

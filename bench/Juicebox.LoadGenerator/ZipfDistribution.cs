namespace Juicebox.LoadGenerator;

/// <summary>
/// Ranks <c>0 … count-1</c> with P(rank index i) ∝ 1/(i+1)^s. The cumulative distribution is computed once
/// and shared (it is immutable); callers bring their own <see cref="Random"/>, and a sample is one binary search.
/// </summary>
public sealed class ZipfDistribution
{
    private readonly double[] _cumulative;

    public ZipfDistribution(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(exponent > 0 && double.IsFinite(exponent)))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The Zipf exponent must be a positive number.");
        }

        Count = count;
        Exponent = exponent;
        _cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += Math.Pow(i + 1, -exponent);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < count; i++)
        {
            _cumulative[i] /= sum;
        }

        // Rounding must not leave a gap above the last rank.
        _cumulative[count - 1] = 1.0;
    }

    public int Count { get; }

    public double Exponent { get; }

    /// <summary>The probability of the rank at <paramref name="index"/> (0-based: index 0 is rank 1).</summary>
    public double Probability(int index) =>
        index == 0 ? _cumulative[0] : _cumulative[index] - _cumulative[index - 1];

    /// <summary>A 0-based rank index: the first whose cumulative probability exceeds a uniform draw.</summary>
    public int Sample(Random random)
    {
        var draw = random.NextDouble();
        var low = 0;
        var high = _cumulative.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_cumulative[middle] > draw)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Juicebox.Bench.Reporting;

/// <summary>
/// One histogram series read off a Prometheus text exposition: cumulative counts per upper bound,
/// and quantiles estimated as Prometheus does, by linear interpolation inside the bucket.
/// </summary>
public sealed partial class PrometheusHistogram
{
    private readonly IReadOnlyList<(double UpperBound, double Count)> _buckets;

    private PrometheusHistogram(IReadOnlyList<(double UpperBound, double Count)> buckets) => _buckets = buckets;

    public double Count => _buckets.Count == 0 ? 0 : _buckets[^1].Count;

    /// <summary>The series of <paramref name="metric"/> (its name without <c>_bucket</c>) whose labels include <paramref name="label"/>, e.g. <c>state="stored"</c>.</summary>
    public static PrometheusHistogram Parse(string exposition, string metric, string label)
    {
        List<(double, double)> buckets = [];
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "_bucket{", StringComparison.Ordinal) || !line.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }

            var match = BucketLine().Match(line);
            if (match.Success)
            {
                var bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
                buckets.Add((bound, double.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture)));
            }
        }

        buckets.Sort((left, right) => left.Item1.CompareTo(right.Item1));
        return new PrometheusHistogram(buckets);
    }

    /// <summary>The <paramref name="quantile"/> (0..1) in the histogram's unit; NaN when it is empty.</summary>
    public double Quantile(double quantile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = quantile * Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upperBound, count) in _buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upperBound))
                {
                    return lowerBound;
                }

                var inBucket = count - lowerCount;
                return inBucket == 0 ? upperBound : lowerBound + ((upperBound - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = upperBound;
            lowerCount = count;
        }

        return lowerBound;
    }

    [GeneratedRegex("le=\"(?<le>[^\"]+)\"\\}\\s+(?<count>[0-9.eE+-]+)")]
    private static partial Regex BucketLine();
}

using System.Globalization;

namespace Juicebox.Bench.Reporting;

/// <summary>A counter's series read off a Prometheus text exposition.</summary>
public static class PrometheusCounter
{
    /// <summary>The sum of <paramref name="metric"/>'s series whose labels include <paramref name="label"/> (e.g. <c>result="hit"</c>); 0 when there is none.</summary>
    public static double Sum(string exposition, string metric, string label)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var sum = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}

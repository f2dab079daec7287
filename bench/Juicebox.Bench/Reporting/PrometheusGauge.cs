using System.Globalization;

namespace Juicebox.Bench.Reporting;

/// <summary>The value of a series without labels of its own (a gauge, or an up-down counter) read off a Prometheus text exposition.</summary>
public static class PrometheusGauge
{
    /// <summary>The value of <paramref name="metric"/>; 0 when the exposition does not have it (nothing recorded yet).</summary>
    public static double Read(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        foreach (var line in exposition.Split('\n'))
        {
            // The name, then labels (the exporter's scope ones) or a space, then the value.
            if (line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..].Trim();
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

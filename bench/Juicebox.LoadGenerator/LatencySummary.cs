namespace Juicebox.LoadGenerator;

/// <summary>
/// Latencies in milliseconds, from before sending to the end of the body, over every measured request;
/// percentiles by the nearest-rank method over all recorded values (no histogram, no interpolation).
/// </summary>
public sealed record LatencySummary
{
    public double Mean { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P99 { get; init; }

    public double P999 { get; init; }

    public double Max { get; init; }
}

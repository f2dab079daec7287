namespace Juicebox.Client.Configuration;

/// <summary>
/// The circuit opens when at least <see cref="MinimumThroughput"/> attempts in
/// <see cref="SamplingDuration"/> failed in a share of <see cref="FailureRatio"/> or more, and then
/// fails every call at once for <see cref="BreakDuration"/> before letting one probe through.
/// </summary>
public sealed record JuiceboxCircuitBreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

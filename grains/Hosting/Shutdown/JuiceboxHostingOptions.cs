namespace Juicebox.Grains.Hosting.Shutdown;

/// <summary>How a host (silo, client-api in either mode) stops; bound from the <c>Hosting</c> section.</summary>
public sealed class JuiceboxHostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>
    /// The most a stop may take, from SIGTERM to exit, whatever the state of PostgreSQL and the
    /// upstream (<c>Hosting__ShutdownTimeout</c>). An orchestrator's grace period must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The part of <see cref="ShutdownTimeout"/> the host's services get to stop gracefully
    /// (<see cref="HostOptions.ShutdownTimeout"/>); when it passes, Orleans stops ungracefully and
    /// the rest is left for the exit itself.
    /// </summary>
    public TimeSpan GracefulStopTimeout => ShutdownTimeout - ExitReserve;

    /// <summary>When the deadline ends the process if it is still stopping: a little before the timeout, so that the exit lands within it.</summary>
    public TimeSpan ForcedExitAfter => ShutdownTimeout - TimeSpan.FromTicks(ExitReserve.Ticks / 2);

    /// <summary>Kept back from the graceful stop for the forced exit and its log line.</summary>
    public TimeSpan ExitReserve => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(2).Ticks, ShutdownTimeout.Ticks / 10));
}

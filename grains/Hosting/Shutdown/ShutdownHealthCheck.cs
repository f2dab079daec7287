using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Juicebox.Grains.Hosting.Shutdown;

/// <summary>Readiness: unhealthy from the moment the host is told to stop, so load balancers take it out first.</summary>
public sealed class ShutdownHealthCheck(ShutdownProgress progress) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.StoppingSince is { } since
            ? HealthCheckResult.Unhealthy($"Stopping since {since:O}.")
            : HealthCheckResult.Healthy());
}

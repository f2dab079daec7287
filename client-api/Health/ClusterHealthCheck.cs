using Juicebox.Grains.Hosting.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Juicebox.ClientApi.Health;

/// <summary>Ready when at least one silo is active and answers a management call.</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains, ShutdownProgress shutdown) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A client that is closing may not answer for seconds; readiness must say "no" at once.
        if (shutdown.IsStopping)
        {
            return HealthCheckResult.Unhealthy("Stopping.");
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", exception);
        }
    }
}

using System.Diagnostics;
using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>Permit requests, and reports that wait until the budget has taken them in.</summary>
internal static class BudgetCalls
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    public static UpstreamPermitRequest Interactive { get; } = new() { Priority = UpstreamCallPriority.Interactive };

    public static UpstreamPermitRequest Background(int enrichments = 0) => new() { Priority = UpstreamCallPriority.Background, Enrichments = enrichments };

    /// <summary>
    /// Reports (a one-way call, so nothing says when it arrived) and polls the snapshot until
    /// <paramref name="taken"/> shows the report was applied.
    /// </summary>
    public static async Task<UpstreamBudgetSnapshot> ReportAndWaitAsync(
        this IUpstreamBudgetGrain budget, UpstreamObservation observation, Func<UpstreamBudgetSnapshot, bool> taken, string awaited)
    {
        await budget.ReportAsync(observation);
        return await budget.WaitForSnapshotAsync(taken, awaited);
    }

    public static async Task<UpstreamBudgetSnapshot> WaitForSnapshotAsync(this IUpstreamBudgetGrain budget, Func<UpstreamBudgetSnapshot, bool> condition, string awaited)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = await budget.GetSnapshotAsync();
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (stopwatch.Elapsed > _timeout)
            {
                throw new TimeoutException($"Waited {_timeout.TotalSeconds:0} s for {awaited}; the last snapshot was {snapshot}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }
}

using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>Why queued enrichment work is waiting: the cluster's upstream budget, or what a worker was told.</summary>
internal static class EnrichmentBudgetStatus
{
    public static async Task<string?> WaitingReasonAsync(IGrainFactory grains, int partitions) =>
        await BudgetReasonAsync(grains) ?? await WorkerReasonAsync(grains, partitions);

    /// <summary>A worker refused for a quota holds the reason while it waits (the call needed more than was left).</summary>
    private static async Task<string?> WorkerReasonAsync(IGrainFactory grains, int partitions)
    {
        var backlogs = await Task.WhenAll(Enumerable.Range(0, partitions).Select(partition =>
            grains.GetGrain<IEnrichmentWorkerGrain>(partition).GetBacklogAsync()));
        return backlogs.Select(backlog => backlog.WaitingReason).FirstOrDefault(reason => reason is not null);
    }

    private static async Task<string?> BudgetReasonAsync(IGrainFactory grains)
    {
        var budget = await grains.GetUpstreamBudgetGrain().GetSnapshotAsync();
        if (budget.BlockedUntil is { } until && until > budget.AsOf)
        {
            return budget.BlockedReason ?? $"The upstream budget holds calls back until {until:u}.";
        }

        return budget.EnrichmentsPerMonth is { } quota && budget.EnrichmentsUsed >= quota
            ? $"The monthly enrichment quota of {quota} is spent; it renews at {budget.EnrichmentPeriodEnd:u}."
            : null;
    }
}

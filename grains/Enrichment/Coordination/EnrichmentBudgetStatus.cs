using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>Why queued enrichment work is waiting, as the cluster's upstream budget sees it.</summary>
internal static class EnrichmentBudgetStatus
{
    public static async Task<string?> WaitingReasonAsync(IGrainFactory grains)
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

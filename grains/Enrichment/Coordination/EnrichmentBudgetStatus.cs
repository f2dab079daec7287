namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>Why queued enrichment work is waiting, as the cluster's upstream budget sees it.</summary>
internal static class EnrichmentBudgetStatus
{
    // TODO(lead): ask the upstream budget grain once it is merged.
    public static Task<string?> WaitingReasonAsync(IGrainFactory grains) => Task.FromResult<string?>(null);
}

using Juicebox.Grains.Enrichment.Jobs;

namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>Turns a job's counts into its progress, estimating the end from the pace seen so far.</summary>
internal static class EnrichmentProgressEstimate
{
    public static EnrichmentJobProgress From(EnrichmentJobCounts counts, DateTimeOffset now, string? waitingReason)
    {
        var pending = counts.Queued + counts.Running;
        return new EnrichmentJobProgress
        {
            JobId = counts.JobId,
            CreatedAt = counts.CreatedAt,
            Total = counts.Total,
            Done = counts.Done,
            Failed = counts.Failed,
            Skipped = counts.Skipped,
            Pending = pending,
            Running = counts.Running,
            Rejected = counts.Rejected,
            FinishedAt = counts.FinishedAt,
            EstimatedCompletion = pending == 0 ? null : Estimate(counts, pending, now),
            WaitingReason = pending == 0 ? null : waitingReason,
            Owner = counts.Owner,
        };
    }

    private static DateTimeOffset? Estimate(EnrichmentJobCounts counts, int pending, DateTimeOffset now)
    {
        var settled = counts.Done + counts.Failed + counts.Skipped;
        if (settled == 0 || counts.FirstStartedAt is not { } start || counts.LastFinishedAt is not { } last || last <= start)
        {
            return null;
        }

        var perItem = (last - start) / settled;
        return (last > now ? last : now) + (perItem * pending);
    }
}

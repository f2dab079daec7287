using System.Diagnostics;
using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>
/// A job that needs all the upstream calls the plan allows in a window and more: paced to the limit over the
/// windows (of 10 s here, <see cref="PacedEnrichmentClusterFixture"/>), without a 429, paying once per profile.
/// </summary>
[Collection(PacedEnrichmentClusterCollection.Name)]
public sealed class EnrichmentDrainTests(PacedEnrichmentClusterFixture cluster)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IEnrichmentCoordinatorGrain Coordinator => cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);

    [Fact]
    public async Task TwoThousandProfiles_DrainAtThePlanLimit_WithoutA429_PayingOncePerProfile()
    {
        var ids = cluster.NextProfileIds(2_000);
        var before = await cluster.Upstream.GetStatsAsync(Cancellation);
        var stopwatch = Stopwatch.StartNew();

        var job = await Coordinator.SubmitAsync(ids);
        var progress = await EnrichmentJobs.WaitForAsync(Coordinator, job.JobId, p => p.IsFinished, "the job finished", TimeSpan.FromMinutes(4));

        stopwatch.Stop();
        var after = await cluster.Upstream.GetStatsAsync(Cancellation);
        var batchCalls = EnrichmentJobs.Delta(before.Calls, after.Calls, "POST /enrich/batch") + EnrichmentJobs.Delta(before.Calls, after.Calls, "POST /enrich");
        TestContext.Current.SendDiagnosticMessage(
            $"2,000 profiles: {batchCalls} upstream calls in {stopwatch.Elapsed.TotalSeconds:0.0} s at a limit of {cluster.RequestsPerMinute} per {cluster.RateWindow.TotalSeconds:0} s.");

        Assert.Equal(2_000, progress.Done);
        Assert.Equal(0, progress.Failed + progress.Skipped + progress.Pending);
        Assert.Equal(0, EnrichmentJobs.Delta(before.Statuses, after.Statuses, "429"));
        Assert.Equal(2_000, after.Enrichments.Charged - before.Enrichments.Charged);
        Assert.Equal(2_000, after.Enrichments.DistinctProfiles - before.Enrichments.DistinctProfiles);
        Assert.InRange(batchCalls, 20, 20 + cluster.Partitions);
    }
}

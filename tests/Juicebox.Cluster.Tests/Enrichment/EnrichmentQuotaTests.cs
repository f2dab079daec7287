using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>A job bigger than what is left of the monthly enrichment quota.</summary>
[Collection(QuotaEnrichmentClusterCollection.Name)]
public sealed class EnrichmentQuotaTests(QuotaEnrichmentClusterFixture cluster)
{
    [Fact]
    public async Task WhenTheQuotaIsSpent_WorkWaitsWithAReason_AndNothingFails()
    {
        var coordinator = cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
        var before = await cluster.Upstream.GetStatsAsync(TestContext.Current.CancellationToken);

        // One single enrichment spends one of the four; the batch of five that follows cannot fit.
        var first = await coordinator.SubmitAsync(cluster.NextProfileIds(1));
        await EnrichmentJobs.WaitForAsync(coordinator, first.JobId, p => p.IsFinished, "the first enrichment", TimeSpan.FromMinutes(1));
        var job = await coordinator.SubmitAsync(cluster.NextProfileIds(5));
        var waiting = await EnrichmentJobs.WaitForAsync(
            coordinator, job.JobId, p => p.WaitingReason is not null, "the job to report why it waits", TimeSpan.FromMinutes(1));

        Assert.Equal(5, waiting.Pending);
        Assert.Equal(0, waiting.Failed);
        Assert.Null(waiting.FinishedAt);
        Assert.Contains("enrichment", waiting.WaitingReason, StringComparison.OrdinalIgnoreCase);
        var budget = await cluster.Grains.GetUpstreamBudgetGrain().GetSnapshotAsync();
        Assert.Equal(4, budget.EnrichmentsPerMonth);
        var after = await cluster.Upstream.GetStatsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, after.Enrichments.Charged - before.Enrichments.Charged);
    }
}

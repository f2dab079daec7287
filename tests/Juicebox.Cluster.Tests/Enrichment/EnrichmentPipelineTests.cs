using System.Diagnostics;
using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.Cluster.Tests.Enrichment;

[Collection(EnrichmentClusterCollection.Name)]
public sealed class EnrichmentPipelineTests(EnrichmentClusterFixture cluster)
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
        var progress = await WaitUntilFinishedAsync(job.JobId, TimeSpan.FromMinutes(3));

        stopwatch.Stop();
        var after = await cluster.Upstream.GetStatsAsync(Cancellation);
        var batchCalls = Delta(before.Calls, after.Calls, "POST /enrich/batch") + Delta(before.Calls, after.Calls, "POST /enrich");
        TestContext.Current.SendDiagnosticMessage(
            $"2,000 profiles: {batchCalls} upstream calls in {stopwatch.Elapsed.TotalSeconds:0.0} s at a limit of {EnrichmentClusterFixture.RequestsPerMinute}/min.");

        Assert.Equal(2_000, progress.Done);
        Assert.Equal(0, progress.Failed + progress.Skipped + progress.Pending);
        Assert.Equal(0, Delta(before.Statuses, after.Statuses, "429"));
        Assert.Equal(2_000, after.Enrichments.Charged - before.Enrichments.Charged);
        Assert.Equal(2_000, after.Enrichments.DistinctProfiles - before.Enrichments.DistinctProfiles);
        Assert.InRange(batchCalls, 20, 20 + EnrichmentClusterFixture.Partitions);
    }

    [Fact]
    public async Task TheSameProfilesAskedForByTwoJobsAtOnce_ArePaidForOnce()
    {
        var ids = cluster.NextProfileIds(30);
        var before = await cluster.Upstream.GetStatsAsync(Cancellation);

        var jobs = await Task.WhenAll(Coordinator.SubmitAsync(ids), Coordinator.SubmitAsync([.. ids.Reverse()]));
        var first = await WaitUntilFinishedAsync(jobs[0].JobId, TimeSpan.FromMinutes(1));
        var second = await WaitUntilFinishedAsync(jobs[1].JobId, TimeSpan.FromMinutes(1));

        var after = await cluster.Upstream.GetStatsAsync(Cancellation);
        Assert.Equal(30, after.Enrichments.Charged - before.Enrichments.Charged);
        Assert.Equal(60, first.Done + first.Skipped + second.Done + second.Skipped);
        Assert.Equal(0, first.Failed + second.Failed);
    }

    [Fact]
    public async Task AnEnrichedProfile_CarriesItsContact_AndIsNotPaidForAgainWithinItsFreshness()
    {
        var id = cluster.NextProfileIds(1)[0];
        var before = await cluster.Upstream.GetStatsAsync(Cancellation);

        await WaitUntilFinishedAsync((await Coordinator.SubmitAsync([id])).JobId, TimeSpan.FromMinutes(1));
        var again = await WaitUntilFinishedAsync((await Coordinator.SubmitAsync([id])).JobId, TimeSpan.FromMinutes(1));

        var read = await cluster.Grains.GetProfileGrain(id).GetAsync();
        Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
        Assert.NotNull(read.Profile!.Contact);
        Assert.NotNull(await cluster.Grains.GetProfileGrain(id).GetEnrichedAtAsync());
        Assert.Equal(1, again.Skipped);
        var after = await cluster.Upstream.GetStatsAsync(Cancellation);
        Assert.Equal(1, after.Enrichments.Charged - before.Enrichments.Charged);

        var status = await Coordinator.GetProfileStatusAsync(id);
        Assert.Equal(EnrichmentItemStatus.Skipped, status!.Status);
    }

    [Fact]
    public async Task UnknownProfiles_FailWithAReason_AndTheRestOfTheJobCompletes()
    {
        var known = cluster.NextProfileIds(3);
        var job = await Coordinator.SubmitAsync([.. known, "no-such-profile-a", "no-such-profile-b"]);

        var progress = await WaitUntilFinishedAsync(job.JobId, TimeSpan.FromMinutes(1));
        var failures = await Coordinator.GetFailuresAsync(job.JobId, afterProfileId: null, limit: 10);

        Assert.Equal(3, progress.Done);
        Assert.Equal(2, progress.Failed);
        Assert.Equal(["no-such-profile-a", "no-such-profile-b"], failures.Select(f => f.ProfileId));
        Assert.All(failures, f => Assert.Contains("does not know", f.Reason, StringComparison.Ordinal));
    }

    private async Task<EnrichmentJobProgress> WaitUntilFinishedAsync(Guid jobId, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        EnrichmentJobProgress? progress = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            progress = await Coordinator.GetProgressAsync(jobId);
            if (progress is { IsFinished: true })
            {
                return progress;
            }

            await Task.Delay(200, Cancellation);
        }

        throw new TimeoutException($"Job {jobId} did not finish within {timeout}; last progress: {progress}");
    }

    private static int Delta(Dictionary<string, int> before, Dictionary<string, int> after, string key) =>
        after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
}

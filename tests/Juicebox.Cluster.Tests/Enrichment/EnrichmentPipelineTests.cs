using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Cluster.Tests.Enrichment;

[Collection(EnrichmentClusterCollection.Name)]
public sealed class EnrichmentPipelineTests(EnrichmentClusterFixture cluster)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IEnrichmentCoordinatorGrain Coordinator => cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);

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

    [Fact]
    public async Task RequestsThatKeepFailing_AreDeadLettered_AndAnOperatorRetryCompletesThem()
    {
        var ids = cluster.NextProfileIds(3);
        var operations = cluster.Grains.GetGrain<IEnrichmentOperationsGrain>(0);
        IReadOnlyList<EnrichmentDeadLetter> letters;
        Guid jobId;
        await cluster.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, Cancellation);
        try
        {
            jobId = (await Coordinator.SubmitAsync(ids)).JobId;
            var failed = await WaitUntilFinishedAsync(jobId, TimeSpan.FromMinutes(1));
            var failures = await Coordinator.GetFailuresAsync(jobId, afterProfileId: null, limit: 10);
            letters = [.. (await operations.GetDeadLettersAsync(afterMessageId: null, limit: 1000)).Where(l => l.JobId == jobId)];

            Assert.Equal(3, failed.Failed);
            Assert.All(failures, f => Assert.Contains("Gave up after 2 failed upstream attempts", f.Reason, StringComparison.Ordinal));
            Assert.Equal(ids.Order(StringComparer.Ordinal), letters.SelectMany(l => l.ProfileIds).Order(StringComparer.Ordinal));
        }
        finally
        {
            await cluster.Upstream.ClearFaultsAsync(Cancellation);
        }

        Assert.Equal(letters.Count, await operations.RetryDeadLettersAsync([.. letters.Select(l => l.MessageId)]));
        var retried = await WaitForAsync(jobId, p => p.Done == 3, "the retried dead letters enriched", TimeSpan.FromMinutes(1));
        Assert.Equal(0, retried.Failed);
        Assert.DoesNotContain(await operations.GetDeadLettersAsync(afterMessageId: null, limit: 1000), l => l.JobId == jobId);
    }

    private Task<EnrichmentJobProgress> WaitUntilFinishedAsync(Guid jobId, TimeSpan timeout) =>
        EnrichmentJobs.WaitForAsync(Coordinator, jobId, p => p.IsFinished, "the job finished", timeout);

    private Task<EnrichmentJobProgress> WaitForAsync(Guid jobId, Func<EnrichmentJobProgress, bool> condition, string awaited, TimeSpan timeout) =>
        EnrichmentJobs.WaitForAsync(Coordinator, jobId, condition, awaited, timeout);
}

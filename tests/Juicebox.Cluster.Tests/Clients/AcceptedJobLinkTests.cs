using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.GrainInterfaces.Clients;
using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.Cluster.Tests.Clients;

/// <summary>
/// A client with an allowance submits a job, the coordinator stores and queues it, and the database is
/// gone when the job is to be linked to the client's reservation: the submission still answers the job
/// (client-api's 202), the job finishes, and the reservation stays charged in full, unlinked.
/// </summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class AcceptedJobLinkTests(EnrichmentClusterFixture cluster)
{
    private const int Profiles = 5;
    private const int Allowance = 1_000;

    [Fact]
    public async Task DatabaseGoneBeforeTheReservationLink_TheAcceptedJobIsAnswered_AndFinishes()
    {
        var client = $"lost-link-{Guid.NewGuid():N}";
        var ids = cluster.NextProfileIds(Profiles);
        cluster.Usage.LoseLinksOf(client);

        var submission = await cluster.Grains.GetGrain<IClientUsageGrain>(client).SubmitAsync(ids, Allowance);

        Assert.Equal(1, cluster.Usage.LostLinks(client));
        Assert.NotNull(submission.Job);
        Assert.Equal(Profiles, submission.Job.Accepted);
        Assert.Equal(Profiles, submission.Used);
        var coordinator = cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
        var finished = await EnrichmentJobs.WaitForAsync(coordinator, submission.Job.JobId, progress => progress.IsFinished, "the accepted job to finish", TimeSpan.FromMinutes(2));
        Assert.Equal(Profiles, finished.Done + finished.Skipped);

        var now = DateTimeOffset.UtcNow;
        var reservation = Assert.Single(await cluster.Usage.GetUnsettledAsync(client, new DateOnly(now.Year, now.Month, 1), TestContext.Current.CancellationToken));
        Assert.Null(reservation.JobId);
        Assert.Equal(Profiles, reservation.Charged);
    }
}

using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.Grains.Enrichment.Workers;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>What a worker's backlog records when a profile turns out to be enriched already, and what it keeps for a retry.</summary>
public sealed class EnrichmentBacklogTests
{
    private const string ProfileId = "jb_backlogtest001";
    private static readonly DateTimeOffset _earlier = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _enrichedAt = _earlier.AddMinutes(1);
    private static readonly DateTimeOffset _later = _earlier.AddMinutes(2);

    [Fact]
    public void ResolveEnriched_IsDoneForJobsThatAskedBeforeTheEnrichment_AndSkippedForJobsThatAskedAfter()
    {
        var backlog = new EnrichmentBacklog();
        var before = Guid.NewGuid();
        var after = Guid.NewGuid();
        backlog.Add(Request(before, _earlier), receipt: null);
        backlog.Add(Request(after, _later), receipt: null);
        var settlement = new EnrichmentBacklog.Settlement();

        backlog.ResolveEnriched(ProfileId, _enrichedAt, _later, settlement);

        var outcomes = settlement.Outcomes.ToDictionary(outcome => outcome.JobId, outcome => outcome.Status);
        Assert.Equal(EnrichmentItemStatus.Done, outcomes[before]);
        Assert.Equal(EnrichmentItemStatus.Skipped, outcomes[after]);
        Assert.Equal(2, settlement.Completed.Count);
        Assert.Equal(0, backlog.ProfileCount);
    }

    [Fact]
    public void KeepPaidFor_KeepsTheEnrichmentWhileTheProfileIsHeld_AndDropsItWhenTheProfileIsSettled()
    {
        var backlog = new EnrichmentBacklog();
        backlog.Add(Request(Guid.NewGuid(), _earlier), receipt: null);
        var taken = backlog.Take(100);
        var enrichment = new ProfileData { Id = ProfileId, Name = "Test Person" };

        backlog.KeepPaidFor(ProfileId, enrichment);
        backlog.Return(taken);
        var kept = backlog.PaidFor(ProfileId);
        backlog.Resolve(ProfileId, EnrichmentItemStatus.Done, null, _later, new EnrichmentBacklog.Settlement());

        Assert.Same(enrichment, kept);
        Assert.Null(backlog.PaidFor(ProfileId));
    }

    private static EnrichmentRequest Request(Guid jobId, DateTimeOffset requestedAt) =>
        new() { JobId = jobId, ProfileIds = [ProfileId], RequestedAt = requestedAt };
}

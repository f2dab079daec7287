using System.Diagnostics;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.Grains.Enrichment.Jobs;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>
/// What every <see cref="IEnrichmentJobStore"/> must do; run once per implementation, each test on a
/// store of its own.
/// </summary>
public abstract class EnrichmentJobStoreContractTests : IAsyncLifetime
{
    private const int LargeJobSize = 50_000;

    private static readonly DateTimeOffset _t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IEnrichmentJobStore? _store;

    protected IEnrichmentJobStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync(deleteBatchSize: 2);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A new, empty store; a PostgreSQL store deletes at most <paramref name="deleteBatchSize"/> rows per statement.</summary>
    protected abstract Task<IEnrichmentJobStore> CreateStoreAsync(int deleteBatchSize);

    [Fact]
    public async Task CreateJob_StoresEveryProfileQueued()
    {
        var jobId = await CreateJobAsync(["a1", "a2", "a3"], rejected: 2);

        var counts = await GetJobAsync(jobId);

        Assert.Equal((jobId, _t0, 3, 2), (counts.JobId, counts.CreatedAt, counts.Total, counts.Rejected));
        Assert.Equal((3, 0, 0, 0, 0), StatusCounts(counts));
        Assert.Equal((null, null, null), (counts.FirstStartedAt, counts.LastFinishedAt, counts.FinishedAt));
        var item = await LatestAsync("a2");
        Assert.Equal((jobId, "a2", EnrichmentItemStatus.Queued, _t0), (item.JobId, item.ProfileId, item.Status, item.RequestedAt));
        Assert.Equal((null, null, null), (item.Reason, item.StartedAt, item.FinishedAt));
    }

    [Fact]
    public async Task CreateJob_KeepsItsOwner_AndAJobWithoutOneHasNone()
    {
        var owned = Guid.NewGuid();
        var unowned = Guid.NewGuid();
        await Store.CreateJobAsync(new EnrichmentJobDraft(owned, _t0, ["o1"], 0, "sales-team"), Cancel);
        await Store.CreateJobAsync(new EnrichmentJobDraft(unowned, _t0, ["o2"], 0), Cancel);

        Assert.Equal(("sales-team", (string?)null), ((await GetJobAsync(owned)).Owner, (await GetJobAsync(unowned)).Owner));
    }

    [Fact]
    public async Task CreateJob_Again_ChangesNothing()
    {
        var jobId = await CreateJobAsync(["b1", "b2"], rejected: 1);
        await Store.MarkRunningAsync([new(jobId, "b1")], _t0.AddSeconds(1), Cancel);
        var before = await GetJobAsync(jobId);

        await Store.CreateJobAsync(new EnrichmentJobDraft(jobId, _t0, ["b1", "b2"], 1), Cancel);
        // Even a different draft under the same id is ignored: the first one stands.
        await Store.CreateJobAsync(new EnrichmentJobDraft(jobId, _t0.AddHours(1), ["b1", "b2", "b3"], 0), Cancel);

        Assert.Equal(before, await GetJobAsync(jobId));
        Assert.Equal(EnrichmentItemStatus.Running, (await LatestAsync("b1")).Status);
        Assert.Null(await Store.GetLatestForProfileAsync("b3", Cancel));
    }

    [Fact]
    public async Task CreateJob_WithoutProfiles_IsFinishedWhenCreated()
    {
        var jobId = await CreateJobAsync([], rejected: 4);

        var counts = await GetJobAsync(jobId);

        Assert.Equal((0, 4, _t0), (counts.Total, counts.Rejected, counts.FinishedAt));
    }

    [Theory]
    [InlineData("dup", "dup")]
    [InlineData("ok", "not valid")]
    [InlineData("ok", "")]
    public async Task CreateJob_WithDuplicateOrInvalidProfileIds_ThrowsAndStoresNothing(string first, string second)
    {
        var jobId = Guid.NewGuid();

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.CreateJobAsync(new EnrichmentJobDraft(jobId, _t0, [first, second], 0), Cancel));

        Assert.Null(await Store.GetJobAsync(jobId, Cancel));
    }

    [Fact]
    public async Task Times_AreStoredAsUtcToTheMicrosecond()
    {
        var createdAt = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var jobId = Guid.NewGuid();
        await Store.CreateJobAsync(new EnrichmentJobDraft(jobId, createdAt, ["t1"], 0), Cancel);

        var counts = await GetJobAsync(jobId);

        Assert.Equal(TimeSpan.Zero, counts.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), counts.CreatedAt);
    }

    [Fact]
    public async Task MarkRunning_StartsOnlyQueuedItems()
    {
        var jobId = await CreateJobAsync(["c1", "c2", "c3"]);
        await Store.MarkRunningAsync([new(jobId, "c1")], _t0.AddSeconds(1), Cancel);
        await Store.RecordOutcomesAsync([Outcome(jobId, "c2", EnrichmentItemStatus.Done, 2)], Cancel);

        await Store.MarkRunningAsync(
            [new(jobId, "c1"), new(jobId, "c2"), new(jobId, "c3"), new(jobId, "unknown"), new(Guid.NewGuid(), "c3")],
            _t0.AddSeconds(3),
            Cancel);

        var c1 = await LatestAsync("c1");
        var c2 = await LatestAsync("c2");
        var c3 = await LatestAsync("c3");
        Assert.Equal((EnrichmentItemStatus.Running, _t0.AddSeconds(1)), (c1.Status, c1.StartedAt));
        Assert.Equal((EnrichmentItemStatus.Done, null), (c2.Status, c2.StartedAt));
        Assert.Equal((EnrichmentItemStatus.Running, _t0.AddSeconds(3)), (c3.Status, c3.StartedAt));
        Assert.Equal((0, 2, 1, 0, 0), StatusCounts(await GetJobAsync(jobId)));
    }

    [Fact]
    public async Task ReturnToQueue_RequeuesOnlyRunningItems()
    {
        var jobId = await CreateJobAsync(["d1", "d2", "d3"]);
        await Store.MarkRunningAsync([new(jobId, "d1"), new(jobId, "d2")], _t0.AddSeconds(1), Cancel);
        await Store.RecordOutcomesAsync([Outcome(jobId, "d2", EnrichmentItemStatus.Failed, 2, "gone")], Cancel);

        await Store.ReturnToQueueAsync([new(jobId, "d1"), new(jobId, "d2"), new(jobId, "d3"), new(jobId, "unknown")], Cancel);

        var d1 = await LatestAsync("d1");
        Assert.Equal((EnrichmentItemStatus.Queued, _t0.AddSeconds(1)), (d1.Status, d1.StartedAt));
        Assert.Equal(EnrichmentItemStatus.Failed, (await LatestAsync("d2")).Status);
        Assert.Equal(EnrichmentItemStatus.Queued, (await LatestAsync("d3")).Status);
        Assert.Null((await GetJobAsync(jobId)).FinishedAt);
    }

    [Theory]
    [InlineData(EnrichmentItemStatus.Queued, EnrichmentItemStatus.Done, true)]
    [InlineData(EnrichmentItemStatus.Queued, EnrichmentItemStatus.Skipped, true)]
    [InlineData(EnrichmentItemStatus.Queued, EnrichmentItemStatus.Failed, true)]
    [InlineData(EnrichmentItemStatus.Running, EnrichmentItemStatus.Done, true)]
    [InlineData(EnrichmentItemStatus.Running, EnrichmentItemStatus.Skipped, true)]
    [InlineData(EnrichmentItemStatus.Running, EnrichmentItemStatus.Failed, true)]
    [InlineData(EnrichmentItemStatus.Done, EnrichmentItemStatus.Done, false)]
    [InlineData(EnrichmentItemStatus.Done, EnrichmentItemStatus.Skipped, false)]
    [InlineData(EnrichmentItemStatus.Done, EnrichmentItemStatus.Failed, false)]
    [InlineData(EnrichmentItemStatus.Failed, EnrichmentItemStatus.Done, true)]
    [InlineData(EnrichmentItemStatus.Failed, EnrichmentItemStatus.Skipped, false)]
    [InlineData(EnrichmentItemStatus.Failed, EnrichmentItemStatus.Failed, false)]
    [InlineData(EnrichmentItemStatus.Skipped, EnrichmentItemStatus.Done, true)]
    [InlineData(EnrichmentItemStatus.Skipped, EnrichmentItemStatus.Failed, false)]
    [InlineData(EnrichmentItemStatus.Skipped, EnrichmentItemStatus.Skipped, false)]
    public async Task RecordOutcome_FollowsTheTransitionRules(EnrichmentItemStatus from, EnrichmentItemStatus outcome, bool taken)
    {
        var jobId = await CreateJobAsync(["e1", "e2"]);
        var key = new EnrichmentItemKey(jobId, "e1");
        if (from != EnrichmentItemStatus.Queued)
        {
            await Store.MarkRunningAsync([key], _t0.AddSeconds(1), Cancel);
        }

        if (from is not (EnrichmentItemStatus.Queued or EnrichmentItemStatus.Running))
        {
            await Store.RecordOutcomesAsync([Outcome(jobId, "e1", from, 2, "first")], Cancel);
        }

        var before = await LatestAsync("e1");

        await Store.RecordOutcomesAsync([Outcome(jobId, "e1", outcome, 3, "second")], Cancel);

        var after = await LatestAsync("e1");
        if (taken)
        {
            var reason = outcome == EnrichmentItemStatus.Failed ? "second" : null;
            Assert.Equal((outcome, reason, _t0.AddSeconds(3)), (after.Status, after.Reason, after.FinishedAt));
            Assert.Equal(before.StartedAt, after.StartedAt);
        }
        else
        {
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public async Task RecordOutcomes_IgnoresUnknownItems()
    {
        var jobId = await CreateJobAsync(["f1", "f2"]);

        await Store.RecordOutcomesAsync(
            [
                Outcome(jobId, "unknown", EnrichmentItemStatus.Done, 1),
                Outcome(Guid.NewGuid(), "f1", EnrichmentItemStatus.Done, 1),
                Outcome(jobId, "f2", EnrichmentItemStatus.Skipped, 1),
            ],
            Cancel);

        var counts = await GetJobAsync(jobId);
        Assert.Equal((1, 0, 0, 1, 0), StatusCounts(counts));
        Assert.Null(await Store.GetLatestForProfileAsync("unknown", Cancel));
    }

    [Fact]
    public async Task RecordOutcomes_SameItemTwiceInOneCall_ActsAsIfRecordedInTurn()
    {
        var jobId = await CreateJobAsync(["g1", "g2", "g3"]);

        await Store.RecordOutcomesAsync(
            [
                Outcome(jobId, "g1", EnrichmentItemStatus.Failed, 1, "retry exhausted"),
                Outcome(jobId, "g1", EnrichmentItemStatus.Done, 2),
                Outcome(jobId, "g2", EnrichmentItemStatus.Skipped, 1),
                Outcome(jobId, "g2", EnrichmentItemStatus.Failed, 2, "late"),
                Outcome(jobId, "g3", EnrichmentItemStatus.Done, 1),
                Outcome(jobId, "g3", EnrichmentItemStatus.Done, 2),
            ],
            Cancel);

        var g1 = await LatestAsync("g1");
        var g2 = await LatestAsync("g2");
        var g3 = await LatestAsync("g3");
        Assert.Equal((EnrichmentItemStatus.Done, null, _t0.AddSeconds(2)), (g1.Status, g1.Reason, g1.FinishedAt));
        Assert.Equal((EnrichmentItemStatus.Skipped, null, _t0.AddSeconds(1)), (g2.Status, g2.Reason, g2.FinishedAt));
        Assert.Equal((EnrichmentItemStatus.Done, _t0.AddSeconds(1)), (g3.Status, g3.FinishedAt));
    }

    [Theory]
    [InlineData(EnrichmentItemStatus.Queued)]
    [InlineData(EnrichmentItemStatus.Running)]
    [InlineData((EnrichmentItemStatus)7)]
    public async Task RecordOutcomes_WithAnUnfinishedStatus_Throws(EnrichmentItemStatus status)
    {
        var jobId = await CreateJobAsync(["h1"]);

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.RecordOutcomesAsync([Outcome(jobId, "h1", status, 1)], Cancel));

        Assert.Equal(EnrichmentItemStatus.Queued, (await LatestAsync("h1")).Status);
    }

    [Fact]
    public async Task GetJob_CountsByStatus_AndFirstStartAndLastFinish()
    {
        var jobId = await CreateJobAsync(["i1", "i2", "i3", "i4", "i5", "i6"], rejected: 1);
        await Store.MarkRunningAsync([new(jobId, "i2"), new(jobId, "i3")], _t0.AddSeconds(5), Cancel);
        await Store.RecordOutcomesAsync(
            [
                // Finished without a recorded start, before anything started: that is the first activity.
                Outcome(jobId, "i4", EnrichmentItemStatus.Skipped, 3),
                Outcome(jobId, "i3", EnrichmentItemStatus.Done, 9),
                Outcome(jobId, "i5", EnrichmentItemStatus.Failed, 7, "unknown profile"),
            ],
            Cancel);

        var counts = await GetJobAsync(jobId);

        Assert.Equal((6, 1), (counts.Total, counts.Rejected));
        Assert.Equal((2, 1, 1, 1, 1), StatusCounts(counts));
        Assert.Equal((_t0.AddSeconds(3), _t0.AddSeconds(9), null), (counts.FirstStartedAt, counts.LastFinishedAt, counts.FinishedAt));
        Assert.Null(await Store.GetJobAsync(Guid.NewGuid(), Cancel));
    }

    [Fact]
    public async Task FinishedAt_IsSetExactlyWhenNoItemIsQueuedOrRunning()
    {
        var jobId = await CreateJobAsync(["j1", "j2", "j3"]);
        var otherJobId = await CreateJobAsync(["k1", "k2"]);

        await Store.RecordOutcomesAsync(
            [
                Outcome(jobId, "j1", EnrichmentItemStatus.Failed, 4, "permanent"),
                Outcome(jobId, "j2", EnrichmentItemStatus.Done, 2),
                Outcome(otherJobId, "k1", EnrichmentItemStatus.Done, 2),
            ],
            Cancel);
        Assert.Null((await GetJobAsync(jobId)).FinishedAt);

        await Store.MarkRunningAsync([new(jobId, "j3")], _t0.AddSeconds(5), Cancel);
        Assert.Null((await GetJobAsync(jobId)).FinishedAt);
        await Store.ReturnToQueueAsync([new(jobId, "j3")], Cancel);
        Assert.Null((await GetJobAsync(jobId)).FinishedAt);

        // Outcomes can arrive out of order: the job finished when its latest item did.
        await Store.RecordOutcomesAsync(
            [Outcome(jobId, "j3", EnrichmentItemStatus.Skipped, 3), Outcome(otherJobId, "k2", EnrichmentItemStatus.Done, 8)],
            Cancel);
        Assert.Equal(_t0.AddSeconds(4), (await GetJobAsync(jobId)).FinishedAt);
        Assert.Equal(_t0.AddSeconds(8), (await GetJobAsync(otherJobId)).FinishedAt);

        // A retried dead letter succeeds later: the job stays finished when it first was.
        await Store.RecordOutcomesAsync([Outcome(jobId, "j1", EnrichmentItemStatus.Done, 20)], Cancel);
        var counts = await GetJobAsync(jobId);
        Assert.Equal((_t0.AddSeconds(4), _t0.AddSeconds(20)), (counts.FinishedAt, counts.LastFinishedAt));
        Assert.Equal((0, 0, 2, 1, 0), StatusCounts(counts));
    }

    [Fact]
    public async Task FinishedAt_IsSetWhenTwoCallersFinishTheLastTwoItemsAtOnce()
    {
        // A race: several rounds, so that the two callers overlap in at least some of them.
        for (var round = 0; round < 5; round++)
        {
            var jobIds = new Guid[30];
            for (var i = 0; i < jobIds.Length; i++)
            {
                jobIds[i] = await CreateJobAsync([$"m{round}-{i}a", $"m{round}-{i}b"]);
            }

            // Each caller finishes one of the two items of every job; whichever commits last must see the jobs done.
            using var start = new Barrier(2);
            var callers = new[] { "a", "b" }.Select(suffix => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Cancel);
                    await Store.RecordOutcomesAsync(
                        [.. jobIds.Select((jobId, i) => Outcome(jobId, $"m{round}-{i}{suffix}", EnrichmentItemStatus.Done, suffix == "a" ? 1 : 2))],
                        Cancel);
                },
                Cancel));
            await Task.WhenAll(callers);

            foreach (var jobId in jobIds)
            {
                Assert.Equal(_t0.AddSeconds(2), (await GetJobAsync(jobId)).FinishedAt);
            }
        }
    }

    [Fact]
    public async Task GetFailedItems_PagesByProfileIdInOrdinalOrder()
    {
        // Ordinal order: digits, upper case, '_', lower case.
        string[] failed = ["9z", "B-2", "B.1", "Zed", "_x", "alpha", "beta"];
        var jobId = await CreateJobAsync([.. failed, "ok1", "ok2"]);
        var otherJobId = await CreateJobAsync(["alpha2"]);
        await Store.RecordOutcomesAsync(
            [
                .. failed.Reverse().Select(id => Outcome(jobId, id, EnrichmentItemStatus.Failed, 1, $"reason {id}")),
                Outcome(jobId, "ok1", EnrichmentItemStatus.Done, 1),
                Outcome(jobId, "ok2", EnrichmentItemStatus.Skipped, 1),
                Outcome(otherJobId, "alpha2", EnrichmentItemStatus.Failed, 1, "other job"),
            ],
            Cancel);

        var pages = new List<IReadOnlyList<EnrichmentItemState>>();
        string? after = null;
        do
        {
            pages.Add(await Store.GetFailedItemsAsync(jobId, after, 3, Cancel));
            after = pages[^1].Count > 0 ? pages[^1][^1].ProfileId : null;
        }
        while (pages[^1].Count == 3);

        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        var items = pages.SelectMany(page => page).ToList();
        Assert.Equal(failed.Order(StringComparer.Ordinal), items.Select(item => item.ProfileId));
        Assert.All(items, item => Assert.Equal(
            (jobId, EnrichmentItemStatus.Failed, $"reason {item.ProfileId}", _t0.AddSeconds(1)),
            (item.JobId, item.Status, item.Reason, item.FinishedAt)));
        Assert.Empty(await Store.GetFailedItemsAsync(jobId, "beta", 3, Cancel));
        Assert.Empty(await Store.GetFailedItemsAsync(Guid.NewGuid(), null, 3, Cancel));
    }

    [Fact]
    public async Task GetSettledItems_PagesDoneSkippedAndFailedByProfileId_LeavingOutThoseStillPending()
    {
        string[] ids = ["9z", "B-2", "B.1", "Zed", "_x", "alpha", "beta", "gamma"];
        var jobId = await CreateJobAsync(ids);
        var otherJobId = await CreateJobAsync(["alpha"]);
        await Store.MarkRunningAsync([new(jobId, "Zed")], _t0.AddSeconds(1), Cancel);
        await Store.RecordOutcomesAsync(
            [
                Outcome(jobId, "9z", EnrichmentItemStatus.Done, 2),
                Outcome(jobId, "B-2", EnrichmentItemStatus.Failed, 2, "gone"),
                Outcome(jobId, "B.1", EnrichmentItemStatus.Skipped, 2),
                Outcome(jobId, "_x", EnrichmentItemStatus.Done, 3),
                Outcome(jobId, "beta", EnrichmentItemStatus.Done, 3),
                Outcome(otherJobId, "alpha", EnrichmentItemStatus.Done, 3),
            ],
            Cancel);

        var pages = new List<IReadOnlyList<EnrichmentItemState>>();
        string? after = null;
        do
        {
            pages.Add(await Store.GetSettledItemsAsync(jobId, after, 2, Cancel));
            after = pages[^1].Count > 0 ? pages[^1][^1].ProfileId : null;
        }
        while (pages[^1].Count == 2);

        var items = pages.SelectMany(page => page).ToList();
        Assert.Equal(["9z", "B-2", "B.1", "_x", "beta"], items.Select(item => item.ProfileId));
        Assert.Equal(
            [EnrichmentItemStatus.Done, EnrichmentItemStatus.Failed, EnrichmentItemStatus.Skipped, EnrichmentItemStatus.Done, EnrichmentItemStatus.Done],
            items.Select(item => item.Status));
        Assert.Equal("gone", items[1].Reason);
        Assert.All(items, item => Assert.Equal(jobId, item.JobId));
        // Resuming after an id that is not settled (or not in the job) starts at the next one in order.
        Assert.Equal(["_x", "beta"], (await Store.GetSettledItemsAsync(jobId, "Zed", 10, Cancel)).Select(item => item.ProfileId));
        Assert.Equal(["beta"], (await Store.GetSettledItemsAsync(jobId, "a", 10, Cancel)).Select(item => item.ProfileId));
        Assert.Empty(await Store.GetSettledItemsAsync(jobId, "beta", 10, Cancel));
        Assert.Empty(await Store.GetSettledItemsAsync(Guid.NewGuid(), null, 10, Cancel));
    }

    [Fact]
    public async Task GetLatestForProfile_ReturnsTheMostRecentlyRequestedItemAcrossJobs()
    {
        var firstJobId = await CreateJobAsync(["n1", "n2"], createdAt: _t0);
        await Store.RecordOutcomesAsync([Outcome(firstJobId, "n1", EnrichmentItemStatus.Done, 1)], Cancel);
        var secondJobId = await CreateJobAsync(["n1"], createdAt: _t0.AddMinutes(5));
        // Stored last but requested earliest: not the latest.
        await CreateJobAsync(["n1"], createdAt: _t0.AddMinutes(-5));

        var latest = await LatestAsync("n1");

        Assert.Equal((secondJobId, EnrichmentItemStatus.Queued, _t0.AddMinutes(5)), (latest.JobId, latest.Status, latest.RequestedAt));
        Assert.Equal(firstJobId, (await LatestAsync("n2")).JobId);
        Assert.Null(await Store.GetLatestForProfileAsync("never-requested", Cancel));
    }

    [Fact]
    public async Task DeleteFinishedJobs_DeletesOnlyJobsFinishedBeforeTheCutoff()
    {
        var oldJobs = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var jobId = await CreateJobAsync([$"o{i}a", $"o{i}b", $"o{i}c"]);
            await Store.RecordOutcomesAsync(
                [
                    Outcome(jobId, $"o{i}a", EnrichmentItemStatus.Done, 10),
                    Outcome(jobId, $"o{i}b", EnrichmentItemStatus.Failed, 10, "x"),
                    Outcome(jobId, $"o{i}c", EnrichmentItemStatus.Skipped, 10),
                ],
                Cancel);
            oldJobs.Add(jobId);
        }

        var emptyJob = await CreateJobAsync([], rejected: 2);
        var recentJob = await CreateJobAsync(["p1"]);
        await Store.RecordOutcomesAsync([Outcome(recentJob, "p1", EnrichmentItemStatus.Done, 100)], Cancel);
        var unfinishedJob = await CreateJobAsync(["q1", "q2"]);
        await Store.RecordOutcomesAsync([Outcome(unfinishedJob, "q1", EnrichmentItemStatus.Done, 10)], Cancel);

        var deleted = await Store.DeleteFinishedJobsAsync(_t0.AddSeconds(50), Cancel);

        Assert.Equal(4, deleted);
        foreach (var jobId in oldJobs.Append(emptyJob))
        {
            Assert.Null(await Store.GetJobAsync(jobId, Cancel));
        }

        Assert.Null(await Store.GetLatestForProfileAsync("o1b", Cancel));
        Assert.NotNull(await Store.GetJobAsync(recentJob, Cancel));
        Assert.Equal((1, 0, 1, 0, 0), StatusCounts(await GetJobAsync(unfinishedJob)));
        Assert.Equal(0, await Store.DeleteFinishedJobsAsync(_t0.AddSeconds(50), Cancel));
        Assert.Equal(1, await Store.DeleteFinishedJobsAsync(_t0.AddSeconds(101), Cancel));
    }

    [Fact]
    public async Task LargeJob_OfFiftyThousandProfiles_IsCreatedCountedFinishedAndDeleted()
    {
        var store = await CreateStoreAsync(deleteBatchSize: 5_000);
        var profileIds = Enumerable.Range(0, LargeJobSize).Select(i => $"large-{i:D6}").ToArray();
        var jobId = Guid.NewGuid();
        var timings = new List<string>();

        var stopwatch = Stopwatch.StartNew();
        await store.CreateJobAsync(new EnrichmentJobDraft(jobId, _t0, profileIds, 0), Cancel);
        timings.Add($"create {LargeJobSize:N0} items: {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        await store.CreateJobAsync(new EnrichmentJobDraft(jobId, _t0, profileIds, 0), Cancel);
        timings.Add($"create again (no change): {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        var counts = await store.GetJobAsync(jobId, Cancel);
        timings.Add($"counts: {stopwatch.ElapsedMilliseconds} ms");
        Assert.NotNull(counts);
        Assert.Equal((LargeJobSize, LargeJobSize, 0), (counts.Total, counts.Queued, counts.Done));

        var first = profileIds.Take(100).Select(id => new EnrichmentItemKey(jobId, id)).ToList();
        stopwatch.Restart();
        await store.MarkRunningAsync(first, _t0.AddSeconds(1), Cancel);
        timings.Add($"mark 100 running: {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        await store.RecordOutcomesAsync([.. first.Select(key => Outcome(jobId, key.ProfileId, EnrichmentItemStatus.Done, 2))], Cancel);
        timings.Add($"record 100 outcomes: {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        await store.RecordOutcomesAsync(
            [.. profileIds.Skip(100).Select(id => Outcome(jobId, id, EnrichmentItemStatus.Skipped, 3))],
            Cancel);
        timings.Add($"record the other {LargeJobSize - 100:N0} outcomes in one call: {stopwatch.ElapsedMilliseconds} ms");

        counts = await store.GetJobAsync(jobId, Cancel);
        Assert.NotNull(counts);
        Assert.Equal((0, 0, 100, LargeJobSize - 100, 0), StatusCounts(counts));
        Assert.Equal(_t0.AddSeconds(3), counts.FinishedAt);

        stopwatch.Restart();
        var deleted = await store.DeleteFinishedJobsAsync(_t0.AddSeconds(4), Cancel);
        timings.Add($"delete the finished job: {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(1, deleted);
        Assert.Null(await store.GetJobAsync(jobId, Cancel));

        var report = $"{GetType().Name} timings: {string.Join("; ", timings)}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.SendDiagnosticMessage(report);
    }

    [Fact]
    public async Task EraseProfile_RenamesItsItemsInEveryJob_FailsThePendingOnesAsErased_AndFinishesJobsLeftWithNothingToDo()
    {
        var pending = await CreateJobAsync(["gone", "kept"]);
        var finished = await CreateJobAsync(["gone"]);
        await Store.RecordOutcomesAsync([new(finished, "gone", EnrichmentItemStatus.Done, null, _t0.AddSeconds(1))], Cancel);
        var alone = await CreateJobAsync(["gone"]);

        var erased = await Store.EraseProfileAsync("gone", "erased-0123456789abcdef", _t0.AddSeconds(2), Cancel);
        // The worker's late outcome for the old id is ignored: the item no longer carries it.
        await Store.RecordOutcomesAsync([new(pending, "gone", EnrichmentItemStatus.Done, null, _t0.AddSeconds(3))], Cancel);

        Assert.Equal(3, erased);
        Assert.Null(await Store.GetLatestForProfileAsync("gone", Cancel));
        Assert.Equal((1, 0, 0, 0, 1), StatusCounts(await GetJobAsync(pending)));
        var failed = Assert.Single(await Store.GetFailedItemsAsync(pending, null, 10, Cancel));
        Assert.Equal(("erased-0123456789abcdef", "erased", _t0.AddSeconds(2)), (failed.ProfileId, failed.Reason, failed.FinishedAt));
        Assert.Equal((0, 0, 1, 0, 0), StatusCounts(await GetJobAsync(finished)));
        Assert.Equal(_t0.AddSeconds(2), (await GetJobAsync(alone)).FinishedAt);
        Assert.Null((await GetJobAsync(pending)).FinishedAt);
        Assert.Equal(0, await Store.EraseProfileAsync("gone", "erased-0123456789abcdef", _t0.AddSeconds(4), Cancel));
    }

    private async Task<Guid> CreateJobAsync(string[] profileIds, int rejected = 0, DateTimeOffset? createdAt = null)
    {
        var jobId = Guid.NewGuid();
        await Store.CreateJobAsync(new EnrichmentJobDraft(jobId, createdAt ?? _t0, profileIds, rejected), Cancel);
        return jobId;
    }

    private async Task<EnrichmentJobCounts> GetJobAsync(Guid jobId) =>
        await Store.GetJobAsync(jobId, Cancel) ?? throw new Xunit.Sdk.XunitException($"Job {jobId} was not found.");

    private async Task<EnrichmentItemState> LatestAsync(string profileId) =>
        await Store.GetLatestForProfileAsync(profileId, Cancel)
            ?? throw new Xunit.Sdk.XunitException($"No item for profile '{profileId}' was found.");

    private static EnrichmentItemOutcome Outcome(Guid jobId, string profileId, EnrichmentItemStatus status, int second, string? reason = null) =>
        new(jobId, profileId, status, reason, _t0.AddSeconds(second));

    private static (int Queued, int Running, int Done, int Skipped, int Failed) StatusCounts(EnrichmentJobCounts counts) =>
        (counts.Queued, counts.Running, counts.Done, counts.Skipped, counts.Failed);
}

using Juicebox.Client.Errors;
using Juicebox.GrainInterfaces.Upstream;
using static Juicebox.Cluster.Tests.Upstream.BudgetCalls;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>The budget's pace, priorities and what it learns from upstream answers, on a fake clock.</summary>
[Collection(DefaultBudgetCollection.Name)]
public sealed class UpstreamBudgetGrainTests(DefaultBudgetFixture fixture)
{
    /// <summary>60 a minute, stretched by the 2% safety margin.</summary>
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(1020);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task EveryGrant_TakesTheNextSlot_OnePaceIntervalAfterTheLast()
    {
        var budget = fixture.NewBudget();
        var start = Now;

        var permits = new List<UpstreamPermit>();
        for (var call = 0; call < 4; call++)
        {
            permits.Add(await budget.AcquireAsync(Interactive));
        }

        var snapshot = await budget.GetSnapshotAsync();
        Assert.All(permits, permit => Assert.True(permit.Granted));
        Assert.Equal([start, start + _interval, start + 2 * _interval, start + 3 * _interval], permits.Select(permit => permit.SendAt!.Value));
        Assert.Equal([TimeSpan.Zero, _interval, 2 * _interval, 3 * _interval], permits.Select(permit => permit.Delay));
        Assert.Equal((60, UpstreamLimitSource.Default, _interval), (snapshot.RequestsPerMinute, snapshot.RequestsPerMinuteSource, snapshot.PaceInterval));
        Assert.Equal(start + 4 * _interval, snapshot.NextFreeSlot);
    }

    [Fact]
    public async Task CallersThatSendAtTheirSlot_NeverPutMoreThanTheLimitIntoOneUtcMinute_AndFillItClosely()
    {
        var budget = fixture.NewBudget();

        // Off the minute boundary, so the run crosses window edges at an arbitrary phase.
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(23_370));
        var slots = new List<DateTimeOffset>();
        for (var call = 0; call < 200; call++)
        {
            var permit = await budget.AcquireAsync(Interactive);
            Assert.True(permit.Granted, permit.Reason);
            slots.Add(permit.SendAt!.Value);
            fixture.Clock.SetUtcNow(permit.SendAt.Value);
        }

        var perMinute = slots.GroupBy(slot => slot.UtcTicks / TimeSpan.TicksPerMinute).Select(minute => minute.Count()).ToList();
        Assert.All(perMinute, count => Assert.InRange(count, 1, 60));

        // The minutes the run covered completely hold 58 or 59 calls: close to the limit, never at it.
        Assert.All(perMinute.Skip(1).SkipLast(1), count => Assert.InRange(count, 58, 59));

        // Any 61 consecutive calls span more than a minute, so no window of any phase holds 61.
        for (var first = 0; first + 60 < slots.Count; first++)
        {
            Assert.True(slots[first + 60] - slots[first] > TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task InteractiveCall_IsRefused_WhenItsSlotIsFurtherAwayThanMaxInteractiveWait()
    {
        var budget = fixture.NewBudget();
        var start = Now;
        for (var call = 0; call < 5; call++)
        {
            Assert.True((await budget.AcquireAsync(Interactive)).Granted);
        }

        var refused = await budget.AcquireAsync(Interactive);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var granted = await budget.AcquireAsync(Interactive);

        // The sixth slot is 5.1 s away; it comes within the 5 s wait 0.1 s later.
        Assert.False(refused.Granted);
        Assert.False(refused.QuotaExhausted);
        Assert.Equal(start + TimeSpan.FromMilliseconds(100), refused.RetryAt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);
        Assert.Contains("60 requests a minute", refused.Reason);
        Assert.True(granted.Granted);
        Assert.Equal(start + 5 * _interval, granted.SendAt);
    }

    [Fact]
    public async Task BackgroundCalls_ReserveOnlyNearSlots_SoAnInteractiveCallDoesNotQueueBehindThem()
    {
        var budget = fixture.NewBudget();
        var start = Now;

        var background = new List<UpstreamPermit>();
        for (var call = 0; call < 10; call++)
        {
            background.Add(await budget.AcquireAsync(Background()));
        }

        var interactive = await budget.AcquireAsync(Interactive);

        // Slots at 0 and 1.02 s are within the 2 s a background call may book ahead; the eight
        // others are told to come back one interval apart, the first when the 2.04 s slot is 2 s away.
        Assert.Equal(2, background.Count(permit => permit.Granted));
        var refused = background.Where(permit => !permit.Granted).ToList();
        Assert.All(refused, permit => Assert.False(permit.QuotaExhausted));
        Assert.Equal(
            Enumerable.Range(0, 8).Select(place => start + 2 * _interval - TimeSpan.FromSeconds(2) + place * _interval),
            refused.Select(permit => permit.RetryAt!.Value));
        Assert.True(interactive.Granted);
        Assert.Equal(start + 2 * _interval, interactive.SendAt);
    }

    [Fact]
    public async Task PerMinuteLimit_IsLearnedFromTheLimitHeader_AndChangesThePace()
    {
        var budget = fixture.NewBudget();

        var learned = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 120, Remaining = 100, Reset = Now.AddSeconds(30) },
            snapshot => snapshot.RequestsPerMinute == 120,
            "the budget to learn 120 requests a minute");
        var first = await budget.AcquireAsync(Interactive);
        var second = await budget.AcquireAsync(Interactive);
        await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 30, Remaining = 29, Reset = Now.AddSeconds(30) },
            snapshot => snapshot.RequestsPerMinute == 30,
            "the budget to learn 30 requests a minute");
        var third = await budget.AcquireAsync(Interactive);

        Assert.Equal((UpstreamLimitSource.Headers, TimeSpan.FromMilliseconds(510)), (learned.RequestsPerMinuteSource, learned.PaceInterval));
        Assert.Equal(TimeSpan.FromMilliseconds(510), second.SendAt - first.SendAt);
        Assert.Equal(TimeSpan.FromMilliseconds(2040), third.SendAt - second.SendAt);
    }

    [Fact]
    public async Task NothingRemainingInTheUpstreamWindow_HoldsEveryCallUntilItResets()
    {
        var budget = fixture.NewBudget();
        var reset = DateTimeOffset.FromUnixTimeSeconds(Now.AddSeconds(20).ToUnixTimeSeconds());

        var held = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 60, Remaining = 0, Reset = reset },
            snapshot => snapshot.BlockedUntil is not null,
            "the budget to hold calls until the window resets");
        var refused = await budget.AcquireAsync(Interactive);
        fixture.Clock.SetUtcNow(reset - TimeSpan.FromSeconds(4));
        var granted = await budget.AcquireAsync(Interactive);

        Assert.Equal(reset, held.BlockedUntil);
        Assert.Contains("x-ratelimit-remaining: 0", held.BlockedReason);
        Assert.False(held.QuotaExhausted);
        Assert.False(refused.Granted);
        Assert.Equal(reset - TimeSpan.FromSeconds(5), refused.RetryAt);
        Assert.True(granted.Granted);
        Assert.Equal(reset, granted.SendAt);
    }

    [Fact]
    public async Task RateLimited429_PausesEveryCall_ForItsRetryAfter()
    {
        var budget = fixture.NewBudget();
        Assert.True((await budget.AcquireAsync(Interactive)).Granted);
        var answeredAt = Now;

        var paused = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 429, ErrorCode = JuiceboxErrorCodes.RateLimited, RetryAfter = TimeSpan.FromSeconds(30) },
            snapshot => snapshot.RateLimitedResponses == 1,
            "the budget to count the 429");
        var interactive = await budget.AcquireAsync(Interactive);
        var background = await budget.AcquireAsync(Background());
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        var afterThePause = await budget.AcquireAsync(Interactive);

        Assert.Equal(answeredAt.AddSeconds(30), paused.BlockedUntil);
        Assert.Contains("429 RATE_LIMITED", paused.BlockedReason);
        Assert.Equal((false, TimeSpan.FromSeconds(25)), (interactive.Granted, interactive.RetryAfter));
        Assert.Equal((false, TimeSpan.FromSeconds(28)), (background.Granted, background.RetryAfter));
        Assert.True(afterThePause.Granted);
        Assert.Equal(TimeSpan.Zero, afterThePause.Delay);
    }

    [Fact]
    public async Task QuotaExceeded429_ToAnEnrichment_StopsEnrichmentsUntilItsRetryAfter_ButNotOtherCalls()
    {
        var budget = fixture.NewBudget();
        var until = Now.AddDays(10);

        var snapshot = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 429, ErrorCode = JuiceboxErrorCodes.QuotaExceeded, RetryAfter = TimeSpan.FromDays(10), Enrichments = 5 },
            snapshot => snapshot.QuotaExceededResponses == 1,
            "the budget to count the 429");
        var enrichment = await budget.AcquireAsync(Background(3));
        var search = await budget.AcquireAsync(Background());
        var read = await budget.AcquireAsync(Interactive);

        Assert.False(enrichment.Granted);
        Assert.True(enrichment.QuotaExhausted);
        Assert.Equal(until, enrichment.RetryAt);
        Assert.Contains("QUOTA_EXCEEDED", enrichment.Reason);
        Assert.True(search.Granted);
        Assert.True(read.Granted);
        Assert.True(snapshot.QuotaExhausted);
        Assert.StartsWith("Enrichments wait", snapshot.BlockedReason);
    }

    [Fact]
    public async Task QuotaExceeded429_ToARead_StopsEveryCall_UntilTheUpstreamDayEnds()
    {
        var budget = fixture.NewBudget();
        var midnight = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

        var snapshot = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 429, ErrorCode = JuiceboxErrorCodes.QuotaExceeded, RetryAfter = midnight - Now },
            snapshot => snapshot.QuotaExceededResponses == 1,
            "the budget to count the 429");
        var read = await budget.AcquireAsync(Interactive);
        fixture.Clock.SetUtcNow(midnight);
        var nextDay = await budget.AcquireAsync(Interactive);

        Assert.Equal((false, true, midnight), (read.Granted, read.QuotaExhausted, read.RetryAt!.Value));
        Assert.Equal((midnight, true), (snapshot.BlockedUntil!.Value, snapshot.QuotaExhausted));
        Assert.True(nextDay.Granted);
    }

    [Fact]
    public async Task Snapshot_CountsGrants_AndSaysNothingIsKnownOfTheDailyAndMonthlyLimits()
    {
        var budget = fixture.NewBudget();
        for (var call = 0; call < 3; call++)
        {
            var permit = await budget.AcquireAsync(Background(2));
            fixture.Clock.SetUtcNow(permit.SendAt!.Value);
        }

        var snapshot = await budget.GetSnapshotAsync();

        Assert.Equal(3, snapshot.GrantedToday);
        Assert.InRange(snapshot.GrantedThisMinute, 1, 3);
        Assert.Equal(6, snapshot.EnrichmentsUsed);
        Assert.Equal((null, UpstreamLimitSource.Unknown), (snapshot.RequestsPerDay, snapshot.RequestsPerDaySource));
        Assert.Equal((null, UpstreamLimitSource.Unknown), (snapshot.EnrichmentsPerMonth, snapshot.EnrichmentsPerMonthSource));
        Assert.Null(snapshot.BlockedUntil);
        Assert.Null(snapshot.BlockedReason);
        Assert.Null(snapshot.Plan);
        Assert.Null(snapshot.UsageLearnedAt);
    }
}

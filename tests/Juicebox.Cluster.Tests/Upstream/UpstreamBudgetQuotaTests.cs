using Juicebox.GrainInterfaces.Upstream;
using static Juicebox.Cluster.Tests.Upstream.BudgetCalls;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>Configured limits: a ceiling on the pace, the daily request limit and the monthly enrichment quota.</summary>
[Collection(RationedBudgetCollection.Name)]
public sealed class UpstreamBudgetQuotaTests(RationedBudgetFixture fixture)
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task DailyLimit_RefusesEveryCall_UntilUtcMidnight_ThenCountsAfresh()
    {
        var budget = fixture.NewBudget();
        MoveToTheMorningOfANewDay();
        var midnight = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        for (var call = 0; call < RationedBudgetFixture.RequestsPerDay; call++)
        {
            await AcquireAndSendAsync(budget, Interactive);
        }

        var refused = await budget.AcquireAsync(Interactive);
        var snapshot = await budget.GetSnapshotAsync();
        fixture.Clock.SetUtcNow(midnight);
        var nextDay = await budget.AcquireAsync(Interactive);

        Assert.False(refused.Granted);
        Assert.True(refused.QuotaExhausted);
        Assert.Equal(midnight, refused.RetryAt);
        Assert.Contains("daily limit of 4 requests", refused.Reason);
        Assert.Equal((4, UpstreamLimitSource.Configured, 4), (snapshot.RequestsPerDay!.Value, snapshot.RequestsPerDaySource, snapshot.GrantedToday));
        Assert.Equal((midnight, true), (snapshot.BlockedUntil!.Value, snapshot.QuotaExhausted));
        Assert.True(nextDay.Granted);
    }

    [Fact]
    public async Task EnrichmentQuota_RefusesBackgroundWork_ThatNeedsMoreThanIsLeft_AndSaysHowMuchIsLeft()
    {
        var budget = fixture.NewBudget();
        MoveToTheMorningOfANewDay();
        var periodEnd = new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);

        await AcquireAndSendAsync(budget, Background(40));
        var tooMany = await budget.AcquireAsync(Background(20));
        var read = await budget.AcquireAsync(Interactive);
        fixture.Clock.SetUtcNow(read.SendAt!.Value);
        var whatIsLeft = await budget.AcquireAsync(Background(10));
        var snapshot = await budget.GetSnapshotAsync();

        Assert.False(tooMany.Granted);
        Assert.True(tooMany.QuotaExhausted);
        Assert.Equal(periodEnd, tooMany.RetryAt);
        Assert.Contains("10 of the 50 enrichments", tooMany.Reason);
        Assert.Contains("needs 20", tooMany.Reason);
        Assert.True(read.Granted);
        Assert.True(whatIsLeft.Granted);
        Assert.Equal((50, 50, UpstreamLimitSource.Configured), (snapshot.EnrichmentsUsed, snapshot.EnrichmentsPerMonth!.Value, snapshot.EnrichmentsPerMonthSource));
        Assert.Equal(periodEnd, snapshot.EnrichmentPeriodEnd);
        Assert.StartsWith("Enrichments wait", snapshot.BlockedReason);
    }

    [Fact]
    public async Task EnrichmentRefusedUpstream_GivesItsReservationBack_ButOneThatFailedWithA5xxStaysSpent()
    {
        var budget = fixture.NewBudget();
        MoveToTheMorningOfANewDay();

        await AcquireAndSendAsync(budget, Background(50));
        var refunded = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 404, Enrichments = 50 },
            snapshot => snapshot.EnrichmentsUsed == 0,
            "the 404's enrichments to be given back");
        await AcquireAndSendAsync(budget, Background(30));
        await budget.ReportAsync(new UpstreamObservation { StatusCode = 500, Enrichments = 30 });
        var afterFailure = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 100 },
            snapshot => snapshot.RequestsPerMinute == 100,
            "a later report to be applied");

        Assert.Equal(0, refunded.EnrichmentsUsed);
        Assert.Equal(30, afterFailure.EnrichmentsUsed);
    }

    [Fact]
    public async Task ConfiguredPerMinuteLimit_IsACeiling_OnWhatTheUpstreamAnnounces()
    {
        var budget = fixture.NewBudget();
        var configured = await budget.GetSnapshotAsync();

        var higherAnnounced = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 300, Remaining = 0, Reset = Now.AddSeconds(1) },
            snapshot => snapshot.BlockedUntil is not null,
            "the report of 300 a minute to be applied");
        var lowerAnnounced = await budget.ReportAndWaitAsync(
            new UpstreamObservation { StatusCode = 200, Limit = 60 },
            snapshot => snapshot.RequestsPerMinute == 60,
            "the report of 60 a minute to be applied");

        Assert.Equal((120, UpstreamLimitSource.Configured), (configured.RequestsPerMinute, configured.RequestsPerMinuteSource));
        Assert.Equal((120, UpstreamLimitSource.Configured), (higherAnnounced.RequestsPerMinute, higherAnnounced.RequestsPerMinuteSource));
        Assert.Equal(UpstreamLimitSource.Headers, lowerAnnounced.RequestsPerMinuteSource);
    }

    /// <summary>Acquires a permit that must be granted, and moves the clock to its slot as a caller would wait for it.</summary>
    private async Task AcquireAndSendAsync(IUpstreamBudgetGrain budget, UpstreamPermitRequest request)
    {
        var permit = await budget.AcquireAsync(request);
        Assert.True(permit.Granted, permit.Reason);
        fixture.Clock.SetUtcNow(permit.SendAt!.Value);
    }

    /// <summary>Starts a test at 10:00 of the next UTC day, well before its month ends.</summary>
    private void MoveToTheMorningOfANewDay()
    {
        var next = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        if (next.Day > 25)
        {
            next = new DateTimeOffset(next.Year, next.Month, 1, 10, 0, 0, TimeSpan.Zero).AddMonths(1);
        }

        fixture.Clock.SetUtcNow(next);
    }
}

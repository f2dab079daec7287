using Juicebox.Grains.Upstream;
using static Juicebox.Cluster.Tests.Upstream.BudgetCalls;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// <c>UpstreamBudget:RateWindow</c> (a minute unless set): the pace spreads the limit over the window,
/// and the calls granted are counted in windows of that length. The ledger alone, on given times.
/// </summary>
public sealed class RateWindowLedgerTests
{
    private static readonly DateTimeOffset _start = new(2026, 3, 16, 10, 20, 3, TimeSpan.Zero);

    [Theory]
    [InlineData(60, 1_000)]
    [InlineData(10, 500)]
    public void ThePace_SpreadsTheLimitOverTheWindow(int windowSeconds, int expectedMilliseconds)
    {
        var ledger = Ledger(TimeSpan.FromSeconds(windowSeconds), requestsPerWindow: windowSeconds == 60 ? 60 : 20);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), ledger.PaceInterval);
    }

    [Fact]
    public void Grants_AreCountedInWindowsOfTheSetLength_NeverMoreThanTheLimitInOne()
    {
        var window = TimeSpan.FromSeconds(10);
        var ledger = Ledger(window, requestsPerWindow: 20);
        var now = _start;
        var slots = new List<DateTimeOffset>();
        for (var call = 0; call < 45; call++)
        {
            var permit = ledger.Acquire(Background(), now);
            Assert.True(permit.Granted, $"call {call} was refused: {permit}");
            now = permit.SendAt!.Value;
            slots.Add(now);
        }

        // 45 calls 0.5 s apart from 10:20:03 fall into the windows from 10:20:00, 10:20:10 and 10:20:20.
        Assert.Equal([14, 20, 11], slots.GroupBy(slot => slot.UtcTicks / window.Ticks).Select(inWindow => inWindow.Count()));
        Assert.Equal(11, ledger.Snapshot(now).GrantedThisMinute);
    }

    private static UpstreamBudgetLedger Ledger(TimeSpan window, int requestsPerWindow) => new(
        new UpstreamBudgetOptions { RateWindow = window, DefaultRequestsPerMinute = requestsPerWindow, SafetyMargin = 0, MaxBackgroundWait = TimeSpan.FromMinutes(1) },
        _start);
}

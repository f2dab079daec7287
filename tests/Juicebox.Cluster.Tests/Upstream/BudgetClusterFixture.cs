using System.Globalization;
using Juicebox.Cluster.Tests.Clusters;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// A one-silo cluster for the budget grain alone: its clock is fake, so tests move time instead of
/// waiting, and it never asks the upstream (<c>UpstreamBudget:LearnOnActivation</c> is off), so
/// everything it knows comes from the test's configuration and reports. Each test takes a budget
/// of its own key; the clock is shared, and tests of one collection run one at a time.
/// </summary>
public abstract class BudgetClusterFixture(IReadOnlyDictionary<string, string?> budgetSettings)
    : ClusterFixture(postgres: null, Spec(budgetSettings))
{
    /// <summary>A whole UTC minute, so the first test starts on a window boundary.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private long _nextKey = 1_000;

    /// <summary>A budget grain no other test has used.</summary>
    public IUpstreamBudgetGrain NewBudget() => Cluster.Client.GetGrain<IUpstreamBudgetGrain>(Interlocked.Increment(ref _nextKey));

    /// <summary>No sandbox: the budget's own calls are switched off and no test makes an upstream call.</summary>
    private static ClusterSpec Spec(IReadOnlyDictionary<string, string?> budgetSettings) => new()
    {
        FakeClock = JuiceboxServiceKeys.UpstreamClock,
        FakeClockStart = Start,
        Settings = budgetSettings
            .Select(setting => KeyValuePair.Create($"UpstreamBudget:{setting.Key}", setting.Value))
            .Append(KeyValuePair.Create("UpstreamBudget:LearnOnActivation", (string?)"false"))
            .ToDictionary(),
    };
}

/// <summary>Nothing configured but the pace assumed before the upstream says otherwise: 60 a minute, one call every 1.02 s.</summary>
public sealed class DefaultBudgetFixture() : BudgetClusterFixture(new Dictionary<string, string?>
{
    ["DefaultRequestsPerMinute"] = "60",
    ["SafetyMargin"] = "0.02",
    ["MaxInteractiveWait"] = "00:00:05",
    ["MaxBackgroundWait"] = "00:00:02",
});

/// <summary>Configured limits: 120 requests a minute at most, 4 a day, 50 enrichments a month.</summary>
public sealed class RationedBudgetFixture() : BudgetClusterFixture(new Dictionary<string, string?>
{
    ["RequestsPerMinute"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
    ["RequestsPerDay"] = RequestsPerDay.ToString(CultureInfo.InvariantCulture),
    ["EnrichmentsPerMonth"] = EnrichmentsPerMonth.ToString(CultureInfo.InvariantCulture),
})
{
    public const int RequestsPerMinute = 120;
    public const int RequestsPerDay = 4;
    public const int EnrichmentsPerMonth = 50;
}

[CollectionDefinition(Name)]
public sealed class DefaultBudgetCollection : ICollectionFixture<DefaultBudgetFixture>
{
    public const string Name = "Upstream budget, defaults";
}

[CollectionDefinition(Name)]
public sealed class RationedBudgetCollection : ICollectionFixture<RationedBudgetFixture>
{
    public const string Name = "Upstream budget, configured limits";
}

using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// A one-silo cluster for the budget grain alone: its clock is fake, so tests move time instead of
/// waiting, and it never asks the upstream (<c>UpstreamBudget:LearnOnActivation</c> is off), so
/// everything it knows comes from the test's configuration and reports. Each test takes a budget
/// of its own key; the clock is shared, and tests of one collection run one at a time.
/// </summary>
public abstract class BudgetClusterFixture : IAsyncLifetime
{
    /// <summary>A whole UTC minute, so the first test starts on a window boundary.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private long _nextKey = 1_000;

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A budget grain no other test has used.</summary>
    public IUpstreamBudgetGrain NewBudget() => Cluster.Client.GetGrain<IUpstreamBudgetGrain>(Interlocked.Increment(ref _nextKey));

    /// <summary>The <c>UpstreamBudget</c> settings of this cluster.</summary>
    protected abstract IReadOnlyDictionary<string, string?> BudgetSettings { get; }

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            // Never called: the budget's own calls are switched off and no test makes an upstream call.
            ["Juicebox:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["Juicebox:ApiKey"] = "sb_unused",
            ["UpstreamBudget:LearnOnActivation"] = "false",
        };
        foreach (var (key, value) in BudgetSettings)
        {
            settings[$"UpstreamBudget:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(JuiceboxServiceKeys.UpstreamClock, Clock);
            silo.AddJuiceboxGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>Nothing configured but the pace assumed before the upstream says otherwise: 60 a minute, one call every 1.02 s.</summary>
public sealed class DefaultBudgetFixture : BudgetClusterFixture
{
    protected override IReadOnlyDictionary<string, string?> BudgetSettings { get; } = new Dictionary<string, string?>
    {
        ["DefaultRequestsPerMinute"] = "60",
        ["SafetyMargin"] = "0.02",
        ["MaxInteractiveWait"] = "00:00:05",
        ["MaxBackgroundWait"] = "00:00:02",
    };
}

/// <summary>Configured limits: 120 requests a minute at most, 4 a day, 50 enrichments a month.</summary>
public sealed class RationedBudgetFixture : BudgetClusterFixture
{
    public const int RequestsPerMinute = 120;
    public const int RequestsPerDay = 4;
    public const int EnrichmentsPerMonth = 50;

    protected override IReadOnlyDictionary<string, string?> BudgetSettings { get; } = new Dictionary<string, string?>
    {
        ["RequestsPerMinute"] = "120",
        ["RequestsPerDay"] = "4",
        ["EnrichmentsPerMonth"] = "50",
    };
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

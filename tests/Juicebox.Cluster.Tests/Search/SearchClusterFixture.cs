using Juicebox.GrainInterfaces.Search;
using Juicebox.Grains;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Search;

/// <summary>
/// A one-silo cluster whose profile grains persist to their own database on the assembly's private
/// PostgreSQL server, against an in-process sandbox of 5,000 profiles. The grains' freshness clock
/// (search pages and profiles) is fake, so tests move time instead of waiting; the upstream budget
/// keeps the real clock.
/// </summary>
public sealed class SearchClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string SearchCall = "POST /search";
    public const string BatchCall = "POST /profiles/batch";
    public const string ProfileCall = "GET /profiles/{id}";

    public static readonly TimeSpan SearchTimeToLive = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan SearchRetryInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ProfileTimeToLive = TimeSpan.FromHours(1);

    /// <summary>The sandbox's enterprise key, with a per-minute limit high enough that pacing costs nothing.</summary>
    public static readonly SandboxKeyOptions UnpacedKey = new() { Key = "sb_enterprise", Plan = "enterprise", RequestsPerMinute = 60_000 };

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public string ConnectionString { get; private set; } = null!;
    public SandboxServer Sandbox { get; private set; } = null!;
    public SandboxControl Upstream { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 5_000, Keys = [UnpacedKey] });
        Upstream = new SandboxControl(Sandbox.RootAddress);

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Juicebox:BaseUrl"] = Sandbox.BaseAddress.ToString(),
            ["Juicebox:ApiKey"] = UnpacedKey.Key,
            ["UpstreamBudget:DefaultRequestsPerMinute"] = UnpacedKey.RequestsPerMinute.ToString(),
            ["ProfileCache:TimeToLive"] = ProfileTimeToLive.ToString(),
            ["Search:TimeToLive"] = SearchTimeToLive.ToString(),
            ["Search:RetryInterval"] = SearchRetryInterval.ToString(),

            // Failures are injected on purpose here: answer them at once, and never open the circuit.
            ["Juicebox:Resilience:MaxRetries"] = "0",
            ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(JuiceboxServiceKeys.CacheClock, Clock);
            silo.AddJuiceboxGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Normalizes <paramref name="input"/> as client-api does and asks its search grain.</summary>
    public Task<SearchResult> SearchAsync(SearchInput input)
    {
        var query = Normalize(input);
        return Grains.GetSearchGrain(query).SearchAsync(query);
    }

    public static SearchQuery Normalize(SearchInput input)
    {
        Assert.True(SearchRequests.TryNormalize(input, out var query, out var error), $"The search should be valid: {error}");
        return query;
    }

    /// <summary>Waits until the search grain of <paramref name="input"/> has warmed the profiles of its latest page.</summary>
    public async Task<SearchWarmup> WaitForWarmupAsync(SearchInput input)
    {
        var grain = Grains.GetSearchGrain(Normalize(input));
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var warmup = await grain.GetWarmupAsync();
            if (warmup.IsComplete)
            {
                return warmup;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for the warming of '{input.Query}'; last: {warmup}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public Task<int> CountCallsAsync(string call) => Upstream.CountCallsAsync(call, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Upstream?.Dispose();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SearchClusterCollection : ICollectionFixture<SearchClusterFixture>
{
    public const string Name = "Search cluster";
}

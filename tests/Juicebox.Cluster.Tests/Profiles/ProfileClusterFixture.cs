using Juicebox.Grains;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Profiles;

/// <summary>
/// A one-silo test cluster whose profile grains persist to their own database on the assembly's
/// private PostgreSQL server and read from an
/// in-process sandbox. The grains' freshness clock is fake, so tests move time instead of waiting.
/// </summary>
public sealed class ProfileClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan NotFoundTimeToLive = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan IdleDeactivationAfter = TimeSpan.FromMinutes(7);

    /// <summary>The sandbox's enterprise key, with a per-minute limit high enough that pacing costs nothing.</summary>
    public static readonly SandboxKeyOptions UnpacedKey = new() { Key = "sb_enterprise", Plan = "enterprise", RequestsPerMinute = 60_000 };

    private int _nextProfileIndex;

    public string ConnectionString { get; private set; } = null!;
    public SandboxServer Sandbox { get; private set; } = null!;
    public SandboxControl Upstream { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A sandbox profile id no other test has used.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

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

            // These tests are not about the pace: the key allows a call every millisecond, and so does
            // the budget before GET /usage has told it so.
            ["UpstreamBudget:DefaultRequestsPerMinute"] = UnpacedKey.RequestsPerMinute.ToString(),
            ["ProfileCache:TimeToLive"] = TimeToLive.ToString(),
            ["ProfileCache:NotFoundTimeToLive"] = NotFoundTimeToLive.ToString(),
            ["ProfileCache:RefreshRetryInterval"] = "00:00:01",
            ["ProfileCache:IdleDeactivationAfter"] = IdleDeactivationAfter.ToString(),

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
public sealed class ProfileClusterCollection : ICollectionFixture<ProfileClusterFixture>
{
    public const string Name = "Profile cluster";
}

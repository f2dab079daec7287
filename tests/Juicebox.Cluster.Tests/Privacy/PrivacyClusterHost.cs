using Juicebox.Grains;
using Juicebox.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Privacy;

/// <summary>
/// One-silo clusters in Cluster mode (grain state, the profiles table and the privacy tables in one
/// PostgreSQL database) reading from an in-process sandbox, on a fake freshness clock. A test can stop
/// one and start another on the same database, as a cluster restart does.
/// </summary>
internal static class PrivacyClusterHost
{
    public const string SuppressionKey = "cluster-tests-suppression-key-0123456789";

    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString, SandboxServer sandbox, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var key = Profiles.ProfileClusterFixture.UnpacedKey;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Juicebox:BaseUrl"] = sandbox.BaseAddress.ToString(),
            ["Juicebox:ApiKey"] = key.Key,
            ["UpstreamBudget:DefaultRequestsPerMinute"] = key.RequestsPerMinute.ToString(),
            ["Privacy:SuppressionKey"] = SuppressionKey,
            ["Juicebox:Resilience:MaxRetries"] = "0",
            ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(JuiceboxServiceKeys.CacheClock, clock);
            silo.AddJuiceboxGrains(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

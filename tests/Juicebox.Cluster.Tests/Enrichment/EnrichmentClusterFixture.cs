using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>
/// A one-silo cluster whose enrichment stream queues, job store and grain state live in their own
/// database on the assembly's PostgreSQL server, against an in-process sandbox whose key allows
/// <see cref="RequestsPerMinute"/> calls a minute, in real time.
/// </summary>
public class EnrichmentClusterFixture(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ApiKey = "sb_enrichment_tests";

    private int _nextProfileIndex;

    public virtual int RequestsPerMinute => 6_000;

    public virtual int Partitions => 4;

    public virtual int EnrichmentsPerMonth => 1_000_000;

    public string ConnectionString { get; private set; } = null!;
    public SandboxServer Sandbox { get; private set; } = null!;
    public SandboxControl Upstream { get; private set; } = null!;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Sandbox profile ids no other test has used.</summary>
    public IReadOnlyList<string> NextProfileIds(int count)
    {
        var last = Interlocked.Add(ref _nextProfileIndex, count);
        return [.. Enumerable.Range(last - count + 1, count).Select(Sandbox.GetProfileId)];
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            ProfileCount = 20_000,
            Keys = [new SandboxKeyOptions { Key = ApiKey, Plan = "business", RequestsPerMinute = RequestsPerMinute, EnrichmentsPerMonth = EnrichmentsPerMonth }],
        });
        Upstream = new SandboxControl(Sandbox.RootAddress);

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Juicebox:BaseUrl"] = Sandbox.BaseAddress.ToString(),
            ["Juicebox:ApiKey"] = ApiKey,
            ["Enrichment:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Enrichment:MaxAttempts"] = "2",
            ["Enrichment:RetryBaseDelay"] = "00:00:00.100",
            ["Enrichment:MaxRetryDelay"] = "00:00:01",

            // Failures are injected on purpose here: the worker's own retries are what is tested.
            ["Juicebox:Resilience:MaxRetries"] = "0",
            ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) => silo.AddJuiceboxGrains(configuration));
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

/// <summary>The same cluster on a key of 20 calls a minute, which a 2,000-profile job needs more than a minute of.</summary>
public sealed class PacedEnrichmentClusterFixture(PostgresFixture postgres) : EnrichmentClusterFixture(postgres)
{
    public override int RequestsPerMinute => 20;

    public override int Partitions => 2;
}

/// <summary>The same cluster on a key whose monthly enrichment quota is nearly nothing.</summary>
public sealed class QuotaEnrichmentClusterFixture(PostgresFixture postgres) : EnrichmentClusterFixture(postgres)
{
    public override int EnrichmentsPerMonth => 4;

    public override int Partitions => 1;
}

[CollectionDefinition(Name)]
public sealed class QuotaEnrichmentClusterCollection : ICollectionFixture<QuotaEnrichmentClusterFixture>
{
    public const string Name = "Quota enrichment cluster";
}

[CollectionDefinition(Name)]
public sealed class EnrichmentClusterCollection : ICollectionFixture<EnrichmentClusterFixture>
{
    public const string Name = "Enrichment cluster";
}

[CollectionDefinition(Name)]
public sealed class PacedEnrichmentClusterCollection : ICollectionFixture<PacedEnrichmentClusterFixture>
{
    public const string Name = "Paced enrichment cluster";
}

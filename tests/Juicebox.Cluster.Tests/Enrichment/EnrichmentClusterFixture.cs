using System.Globalization;
using Juicebox.Cluster.Tests.Clients;
using Juicebox.Cluster.Tests.Clusters;
using Juicebox.Grains.Clients;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>
/// A one-silo cluster whose enrichment stream queues, job store and grain state live in their own
/// database on the assembly's PostgreSQL server, against an in-process sandbox whose key allows
/// <see cref="RequestsPerMinute"/> calls a minute, in real time. Clients' usage is the PostgreSQL store
/// behind <see cref="ClientUsageStoreWithLostLinks"/>, so a test can lose the database for one client's links.
/// </summary>
public class EnrichmentClusterFixture : ClusterFixture
{
    private const string ApiKey = "sb_enrichment_tests";

    private NpgsqlDataSource? _database;
    private NpgsqlDataSource? _absentDatabase;
    private ClientUsageStoreWithLostLinks? _usage;

    public EnrichmentClusterFixture(PostgresFixture postgres)
        : this(postgres, requestsPerMinute: 6_000, partitions: 4, enrichmentsPerMonth: 1_000_000)
    {
    }

    protected EnrichmentClusterFixture(PostgresFixture postgres, int requestsPerMinute, int partitions, int enrichmentsPerMonth)
        : base(postgres, Spec(requestsPerMinute, partitions, enrichmentsPerMonth))
    {
        RequestsPerMinute = requestsPerMinute;
        Partitions = partitions;
    }

    public int RequestsPerMinute { get; }

    public int Partitions { get; }

    public ClientUsageStoreWithLostLinks Usage => _usage ?? throw new InvalidOperationException("The cluster has not started yet.");

    protected override ValueTask BeforeDeployAsync()
    {
        _database = NpgsqlDataSource.Create(ConnectionString);

        // Nobody listens on a free port: every call is refused there, as by a database that is gone.
        _absentDatabase = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Port = FreePort.Next(), Timeout = 5 }.ConnectionString);
        _usage = new ClientUsageStoreWithLostLinks(new PostgresClientUsageStore(_database), new PostgresClientUsageStore(_absentDatabase));
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IClientUsageStore>(Usage);

    protected override async ValueTask DisposeOwnResourcesAsync()
    {
        foreach (var source in new[] { _database, _absentDatabase })
        {
            if (source is not null)
            {
                await source.DisposeAsync();
            }
        }
    }

    private static ClusterSpec Spec(int requestsPerMinute, int partitions, int enrichmentsPerMonth) => new()
    {
        OwnDatabase = true,
        Sandbox = new SandboxOptions
        {
            ProfileCount = 20_000,
            Keys = [new SandboxKeyOptions { Key = ApiKey, Plan = "business", RequestsPerMinute = requestsPerMinute, EnrichmentsPerMonth = enrichmentsPerMonth }],
        },

        // Failures are injected on purpose here: the worker's own retries are what is tested.
        InjectsFailures = true,
        Settings = new Dictionary<string, string?>
        {
            ["Enrichment:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
            ["Enrichment:MaxAttempts"] = "2",

            // An outage (every call 503) spends no attempts for this long; short here, so that a
            // request that keeps failing is dead-lettered within a test (EnrichmentAttemptRuleTests
            // covers the grace itself, UpstreamOutageTests a job that waits out an outage).
            ["Enrichment:OutageGrace"] = "00:00:02",
            ["Enrichment:RetryBaseDelay"] = "00:00:00.100",
            ["Enrichment:MaxRetryDelay"] = "00:00:01",
        },
    };
}

/// <summary>The same cluster on a key of 20 calls a minute, which a 2,000-profile job needs more than a minute of.</summary>
public sealed class PacedEnrichmentClusterFixture(PostgresFixture postgres)
    : EnrichmentClusterFixture(postgres, requestsPerMinute: 20, partitions: 2, enrichmentsPerMonth: 1_000_000);

/// <summary>The same cluster on a key whose monthly enrichment quota is nearly nothing.</summary>
public sealed class QuotaEnrichmentClusterFixture(PostgresFixture postgres)
    : EnrichmentClusterFixture(postgres, requestsPerMinute: 6_000, partitions: 1, enrichmentsPerMonth: 4);

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
[StartsFirst]
public sealed class PacedEnrichmentClusterCollection : ICollectionFixture<PacedEnrichmentClusterFixture>
{
    public const string Name = "Paced enrichment cluster";
}

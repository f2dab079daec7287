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

    /// <param name="rateWindow">The plan's minute unless given.</param>
    protected EnrichmentClusterFixture(PostgresFixture postgres, int requestsPerMinute, int partitions, int enrichmentsPerMonth, TimeSpan? rateWindow = null)
        : this(postgres, requestsPerMinute, partitions, enrichmentsPerMonth, rateWindow ?? TimeSpan.FromMinutes(1))
    {
    }

    private EnrichmentClusterFixture(PostgresFixture postgres, int requestsPerMinute, int partitions, int enrichmentsPerMonth, TimeSpan rateWindow)
        : base(postgres, Spec(requestsPerMinute, partitions, enrichmentsPerMonth, rateWindow))
    {
        RequestsPerMinute = requestsPerMinute;
        Partitions = partitions;
        RateWindow = rateWindow;
    }

    /// <summary>Calls the key allows per <see cref="RateWindow"/> (the plan's "per minute").</summary>
    public int RequestsPerMinute { get; }

    /// <summary>The window the sandbox counts the key's limit in, and the cluster's budget paces to.</summary>
    public TimeSpan RateWindow { get; }

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

    private static ClusterSpec Spec(int requestsPerMinute, int partitions, int enrichmentsPerMonth, TimeSpan rateWindow) => new()
    {
        OwnDatabase = true,
        Sandbox = new SandboxOptions
        {
            ProfileCount = 20_000,
            RateWindow = rateWindow,
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
            ["UpstreamBudget:RateWindow"] = rateWindow.ToString("c", CultureInfo.InvariantCulture),

            // The product's margin stretches a minute by 1.2 s, which absorbs a call's delay on the way;
            // a tenth of a short window leaves a delay as much room.
            ["UpstreamBudget:SafetyMargin"] = rateWindow < TimeSpan.FromMinutes(1) ? "0.1" : "0.02",
        },
    };
}

/// <summary>
/// The same cluster on a key of 20 calls a window, which a 2,000-profile job needs all of one window and
/// more for. The window is 10 s instead of the plan's minute (the sandbox's and the budget's
/// <c>RateWindow</c>): the same limit, held over as many windows, in a sixth of the time.
/// </summary>
public sealed class PacedEnrichmentClusterFixture(PostgresFixture postgres)
    : EnrichmentClusterFixture(postgres, requestsPerMinute: 20, partitions: 2, enrichmentsPerMonth: 1_000_000, rateWindow: TimeSpan.FromSeconds(10));

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

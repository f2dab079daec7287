namespace Juicebox.Bench;

/// <summary>The sizes of one benchmark run: the full run docs/benchmarks.md reports, or the quick one the tests run.</summary>
public sealed record BenchSettings
{
    public required string Mode { get; init; }

    /// <summary>Concurrent connections of the read loads (figures 1 and 2).</summary>
    public int Connections { get; init; } = 64;

    /// <summary>Figure 1: the warmed profiles read at random.</summary>
    public required int HotProfiles { get; init; }

    /// <summary>Figure 1: each run's unmeasured start, then its measured length.</summary>
    public required TimeSpan HotWarmup { get; init; }

    public required TimeSpan HotDuration { get; init; }

    /// <summary>Figure 1: rounds of (ceiling, hot reads), alternated so that drift hits both alike; the figure is their mean.</summary>
    public required int HotRounds { get; init; }

    /// <summary>Figure 2: Zipf-distributed reads over cold profiles.</summary>
    public required int EconomyRequests { get; init; }

    public required int EconomyProfiles { get; init; }

    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Figure 3: one enrichment job of this many profiles on a plan allowing this many calls a minute.</summary>
    public required int DrainProfiles { get; init; }

    public required int DrainRequestsPerMinute { get; init; }

    /// <summary>Figure 4: enriched profiles held by one silo.</summary>
    public required int MemoryProfiles { get; init; }

    /// <summary>
    /// Figure 4 runs on figure 3's cluster (on the plan's key, after the drain, with the profiles after the
    /// drain's) instead of a cluster of its own: one cluster start less, which the quick run needs; the full
    /// run's 100,000 profiles would take minutes on the plan's limit.
    /// </summary>
    public bool MemoryOnDrainCluster { get; init; }

    /// <summary>The index of figure 4's first profile: after the drain's when they share a cluster, whose enrichments would be skipped.</summary>
    public int MemoryFirstProfile => MemoryOnDrainCluster ? DrainProfiles : 0;

    /// <summary>Figures 4 and 5: at most this many reads of other stored profiles warm the fresh silo before its memory baseline and its cold reads (in rounds, <see cref="Scenarios.StorageWarmup"/>).</summary>
    public required int StorageWarmupReads { get; init; }

    /// <summary>At most this many rounds of <see cref="StorageWarmupReads"/>: each ends with a wait for the servers' JIT compilers.</summary>
    public required int StorageWarmupRounds { get; init; }

    /// <summary>Figure 5: cold reads per path, one at a time per connection.</summary>
    public required int ColdReads { get; init; }

    public int ColdConnections { get; init; } = 8;

    /// <summary>
    /// Figure 5: at most this many reads of other stored profiles (after the cold ones, out of figure 4's) that the
    /// load generator sends unrecorded before the cold reads from PostgreSQL, on the same connections.
    /// </summary>
    public required int ColdClientWarmupReads { get; init; }

    /// <summary>
    /// Figure 1: also one silo + one client-api with client-api's read cache off (<c>ReadCache__Enabled=false</c>), so that
    /// every read crosses to the silo; only the full run, whose minutes have room for the extra restart.
    /// </summary>
    public bool ClusterWithoutReadCache { get; init; }

    /// <summary>Figure 7: the economy load over this many profiles nobody has read, after every other figure's range.</summary>
    public required int ScaleEconomyProfiles { get; init; }

    public required int ScaleEconomyRequests { get; init; }

    /// <summary>Profiles the sandbox serves: figures 1, 2 and 5 read disjoint ranges; 3 and 4 start on fresh databases.</summary>
    public int SandboxProfiles => Math.Max(HotProfiles + EconomyProfiles + ColdReads + ScaleEconomyProfiles, Math.Max(MemoryFirstProfile + MemoryProfiles, DrainProfiles));

    public static BenchSettings Full { get; } = new()
    {
        Mode = "full",
        HotProfiles = 10_000,

        // Four short rounds rather than long ones: the rounds' spread comes from drift between them, not
        // from too few requests in one (3 s is 30,000 to 75,000 reads), and every load runs after a warm-up.
        // An even number, so that the ceiling goes first in half of them. Six topologies run them (figures 1
        // and 6): a second more per load would cost the run about 50 s of its 12 minutes.
        HotWarmup = TimeSpan.FromSeconds(1),
        HotDuration = TimeSpan.FromSeconds(3),
        HotRounds = 4,
        EconomyRequests = 100_000,
        EconomyProfiles = 20_000,
        DrainProfiles = 10_000,
        DrainRequestsPerMinute = 300,
        // Heap growth per profile is bytes, not time: 50,000 profiles put it well above the collector's noise
        // and take half the minutes of 100,000 to enrich and read back.
        MemoryProfiles = 50_000,
        StorageWarmupReads = 4_000,
        StorageWarmupRounds = 4,
        ColdReads = 2_000,
        ColdClientWarmupReads = 2_000,
        ClusterWithoutReadCache = true,
        ScaleEconomyProfiles = 100_000,
        ScaleEconomyRequests = 300_000,
    };

    // Small enough to stay under 2 minutes with its six topology starts; every figure still runs.
    public static BenchSettings Quick { get; } = new()
    {
        Mode = "quick",
        HotProfiles = 500,
        HotWarmup = TimeSpan.FromSeconds(0.5),
        HotDuration = TimeSpan.FromSeconds(1),
        HotRounds = 1,
        EconomyRequests = 3_000,
        EconomyProfiles = 1_000,
        DrainProfiles = 1_000,
        DrainRequestsPerMinute = 600,
        MemoryProfiles = 2_000,
        MemoryOnDrainCluster = true,
        // Two rounds: the quick run checks that figures 4 and 5 run, and each round's wait for the compilers costs seconds.
        StorageWarmupReads = 300,
        StorageWarmupRounds = 2,
        ColdReads = 100,
        ColdClientWarmupReads = 200,
        ScaleEconomyProfiles = 5_000,
        ScaleEconomyRequests = 10_000,
    };
}

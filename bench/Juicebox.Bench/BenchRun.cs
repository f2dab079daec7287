using Juicebox.Bench.Hosts;
using Juicebox.Bench.Load;
using Juicebox.Bench.Reporting;
using Juicebox.Bench.Scenarios;

namespace Juicebox.Bench;

/// <summary>
/// One benchmark run: Embedded mode, then Cluster mode with one silo, Co-hosted mode and two silos (figures 1, 2 and the
/// upstream half of 5), an enrichment drain on a plan limit (3), and a silo full of enriched profiles
/// read back from PostgreSQL (4 and the storage half of 5). A scenario that fails is reported and the
/// run goes on with the next.
/// </summary>
public static class BenchRun
{
    /// <summary>The scenario groups, by the names <c>--only</c> takes.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["embedded", "cluster", "drain", "memory", "peer", "scale"];

    /// <summary>
    /// The groups a run without <c>--only</c> measures: all of them, but the quick run (the test suite's)
    /// leaves out the peer, which needs redis-server and Node.js, and the scale curve.
    /// </summary>
    public static IReadOnlySet<string> DefaultGroups(bool quick) =>
        quick ? Groups.Except(["peer", "scale"]).ToHashSet() : Groups.ToHashSet();

    public static async Task<BenchReport> RunAsync(BenchSettings settings, IReadOnlySet<string> groups, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var environment = await BenchEnvironment.StartAsync(settings, cancellationToken);
        var context = new BenchContext(settings, environment, new LoadGeneratorRunner(environment.WorkDirectory));
        List<string> errors = [];
        List<GroupTiming> timings = [new("start-up (sandbox)", context.Elapsed.TotalSeconds)];
        List<HotReadsResult> hotReads = [];
        List<ColdPathResult> coldPaths = [];
        UpstreamEconomyResult? economy = null;
        EnrichmentDrainResult? drain = null;
        MemoryResult? memory = null;
        PeerResult? peer = null;
        ScaleResult? scale = null;

        await GuardAsync("Embedded mode", "embedded", groups, errors, timings, context, async () =>
        {
            await using var embedded = await BenchTopology.StartEmbeddedAsync(environment, cancellationToken);
            hotReads.Add(await HotReadsScenario.RunAsync(context, embedded, cancellationToken));
        });

        await GuardAsync("Cluster mode reads", "cluster", groups, errors, timings, context, async () =>
        {
            await using var cluster = await BenchTopology.StartClusterAsync(environment, 1, BenchEnvironment.UnpacedKey, BenchEnvironment.UnpacedRequestsPerMinute, cancellationToken);
            hotReads.Add(await HotReadsScenario.RunAsync(context, cluster, cancellationToken));
            if (settings.ClusterWithoutReadCache)
            {
                await cluster.RestartAsync(silos: 1, cancellationToken, readCache: false);
                hotReads.Add(await HotReadsScenario.RunAsync(context, cluster, cancellationToken));
            }

            await cluster.RestartCoHostedAsync(cancellationToken);
            hotReads.Add(await HotReadsScenario.RunAsync(context, cluster, cancellationToken));
            await cluster.RestartAsync(silos: 2, cancellationToken);
            hotReads.Add(await HotReadsScenario.RunAsync(context, cluster, cancellationToken));
            economy = await UpstreamEconomyScenario.RunAsync(context, cluster, cancellationToken);
            coldPaths.Add(await ColdUpstreamScenario.RunAsync(context, cluster, cancellationToken));
        });

        // The drain's cluster, kept for the memory figure when the settings share it.
        BenchTopology? drainCluster = null;
        try
        {
            await GuardAsync("Enrichment drain", "drain", groups, errors, timings, context, async () =>
            {
                drainCluster = await RunKeepingAsync(
                    await BenchTopology.StartClusterAsync(environment, 1, BenchEnvironment.PlanKey, settings.DrainRequestsPerMinute, cancellationToken),
                    async cluster => drain = await EnrichmentDrainScenario.RunAsync(context, cluster, cancellationToken),
                    keep: settings.MemoryOnDrainCluster && groups.Contains("memory"));
            });

            await GuardAsync("Memory and reads from PostgreSQL", "memory", groups, errors, timings, context, async () =>
            {
                var shared = drainCluster;
                drainCluster = null;
                await using var cluster = shared
                    ?? await BenchTopology.StartClusterAsync(environment, 1, BenchEnvironment.UnpacedKey, BenchEnvironment.UnpacedRequestsPerMinute, cancellationToken);
                var (held, fromStorage) = await MemoryScenario.RunAsync(context, cluster, cancellationToken);
                memory = held;
                coldPaths.Insert(0, fromStorage);
            });
        }
        finally
        {
            if (drainCluster is not null)
            {
                await drainCluster.DisposeAsync();
            }
        }

        // The peer's Embedded mode, kept for the scale curve: both warm the same profiles, so the curve starts on
        // them held instead of a fresh host fetching them all from the sandbox again.
        BenchTopology? peerEmbedded = null;
        try
        {
            await GuardAsync("Peer: Express + Redis", "peer", groups, errors, timings, context, async () =>
            {
                peerEmbedded = await RunKeepingAsync(
                    await BenchTopology.StartEmbeddedAsync(environment, cancellationToken),
                    async embedded => peer = await PeerScenario.RunAsync(context, embedded, cancellationToken),
                    keep: groups.Contains("scale"));
            });

            await GuardAsync("Scale curve", "scale", groups, errors, timings, context, async () =>
            {
                var shared = peerEmbedded;
                peerEmbedded = null;
                await using var embedded = shared ?? await BenchTopology.StartEmbeddedAsync(environment, cancellationToken);
                scale = await ScaleScenario.RunAsync(context, embedded, cancellationToken);
            });
        }
        finally
        {
            if (peerEmbedded is not null)
            {
                await peerEmbedded.DisposeAsync();
            }
        }

        return new BenchReport
        {
            Mode = settings.Mode,
            StartedAt = startedAt,
            DurationSeconds = context.Elapsed.TotalSeconds,
            Machine = MachineInfo.Read(environment.PostgresMajorVersion),
            Settings = settings,
            HotReads = hotReads,
            UpstreamEconomy = economy,
            EnrichmentDrain = drain,
            Memory = memory,
            Peer = peer,
            Scale = scale,
            ColdPaths = coldPaths,
            Errors = errors,
            Timings = timings,
        };
    }

    /// <summary>
    /// Runs <paramref name="group"/> on <paramref name="topology"/> and hands the topology on to the next group when
    /// <paramref name="keep"/> and the group succeeded; otherwise stops it and returns null.
    /// </summary>
    private static async Task<BenchTopology?> RunKeepingAsync(BenchTopology topology, Func<BenchTopology, Task> group, bool keep)
    {
        try
        {
            await group(topology);
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }

        if (keep)
        {
            return topology;
        }

        await topology.DisposeAsync();
        return null;
    }

    /// <summary>Runs a selected group, notes how long it took (its topologies' starts and stops included), and reports a failure instead of throwing.</summary>
    private static async Task GuardAsync(
        string scenario,
        string group,
        IReadOnlySet<string> groups,
        List<string> errors,
        List<GroupTiming> timings,
        BenchContext context,
        Func<Task> run)
    {
        if (!groups.Contains(group))
        {
            return;
        }

        var started = context.Elapsed;
        try
        {
            await run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.Step($"[red]{scenario} failed:[/] {exception.Message}");
            errors.Add($"{scenario}: {exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            timings.Add(new GroupTiming(group, (context.Elapsed - started).TotalSeconds));
        }
    }
}

using System.Globalization;
using Juicebox.Bench.Hosts;
using Juicebox.Bench.Reporting;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 1: random reads of warmed profiles through one client-api, next to the same host answering
/// a constant JSON body of the same size from a trivial endpoint (its ceiling), in one run.
/// </summary>
public static class HotReadsScenario
{
    public const string ProfilePath = "/api/v1/profiles/{id}";

    private const string ReadCacheLookups = "juicebox_read_cache_lookups_total";

    public static async Task<HotReadsResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var ids = context.Load.WriteIds("hot", context.Environment.ProfileIds(0, settings.HotProfiles));
        var baseAddress = topology.Api.HttpAddress.ToString().TrimEnd('/');

        context.Step($"{topology.Name}: warming {settings.HotProfiles:N0} profiles");
        var warm = await context.Load.RunAsync(HotReadPlans.Warm(baseAddress, ids, settings), cancellationToken);
        EnsureAllSucceeded(warm, "warming");

        var bodyBytes = (int)Math.Round(warm.MeanBodyBytes);
        var hotPlan = HotReadPlans.Hot(baseAddress, ids, settings);
        var ceilingPlan = hotPlan with
        {
            PathTemplate = $"/_diagnostics/constant?bytes={bodyBytes.ToString(CultureInfo.InvariantCulture)}",
            IdsFile = null,
            CountHeaders = [],
        };

        var readCacheHitsBefore = await ReadCacheHitsAsync(topology, cancellationToken);
        var (ceilings, hots) = await AlternatingRounds.RunAsync(
            settings.HotRounds,
            () => MeasureAsync(context, topology, ceilingPlan, cancellationToken),
            () => MeasureAsync(context, topology, hotPlan, cancellationToken),
            (round, ceilingFirst) => context.Step(ceilingFirst
                ? $"{topology.Name}: round {round} of {settings.HotRounds}: the ceiling (a constant {bodyBytes:N0}-byte JSON body), then hot reads"
                : $"{topology.Name}: round {round} of {settings.HotRounds}: hot reads, then the ceiling (a constant {bodyBytes:N0}-byte JSON body)"));

        var readCacheHits = await ReadCacheHitsAsync(topology, cancellationToken) - readCacheHitsBefore;
        var hot = hots[^1];
        var hits = hots.Sum(load => load.Load.HeaderCounts.GetValueOrDefault("X-Cache")?.GetValueOrDefault("hit") ?? 0);
        var ceilingRate = ceilings.Average(load => load.Load.RequestsPerSecond);
        var hotRate = hots.Average(load => load.Load.RequestsPerSecond);
        return new HotReadsResult(
            topology.Name,
            settings.HotProfiles,
            settings.Connections,
            bodyBytes,
            ceilings[^1],
            hot,
            ceilingRate,
            hotRate,
            Ratio(hotRate, ceilingRate),
            [.. hots.Zip(ceilings, (reads, ceiling) => Ratio(reads.Load.RequestsPerSecond, ceiling.Load.RequestsPerSecond))],
            hots.Sum(load => load.Load.Failed) + ceilings.Sum(load => load.Load.Failed),
            (double)hits / Math.Max(1, hots.Sum(load => load.Load.Requests)),
            readCacheHits / Math.Max(1, hots.Sum(load => load.Load.Requests + load.Load.WarmupRequests)));
    }

    /// <summary>Profile reads the front end answered from its read cache so far (its warm-ups' included).</summary>
    private static async Task<double> ReadCacheHitsAsync(BenchTopology topology, CancellationToken cancellationToken) =>
        PrometheusCounter.Sum(await HostDiagnostics.ReadMetricsAsync(topology.Api, cancellationToken), ReadCacheLookups, "result=\"hit\"");

    /// <summary>Runs <paramref name="plan"/> and what every serving process spent during it.</summary>
    internal static async Task<MeasuredLoad> MeasureAsync(BenchContext context, BenchTopology topology, LoadPlan plan, CancellationToken cancellationToken)
    {
        var servers = topology.Servers;
        var before = await ServerCost.SnapshotAsync(servers, cancellationToken);
        var load = await context.Load.RunAsync(plan, cancellationToken);
        var cost = await ServerCost.MeasureSinceAsync(servers, before, load.Requests + load.WarmupRequests, load.ElapsedSeconds + load.WarmupSeconds, cancellationToken);
        return new MeasuredLoad(load, cost);
    }

    internal static void EnsureAllSucceeded(LoadResult load, string what)
    {
        if (load.Failed > 0)
        {
            throw new InvalidOperationException($"{load.Failed:N0} of {load.Requests:N0} requests failed while {what}; first: {load.FirstError}");
        }
    }

    internal static double Ratio(double value, double ceiling) => ceiling > 0 ? value / ceiling : 0;
}

/// <summary>A load generator run and what the serving processes spent during it.</summary>
public sealed record MeasuredLoad(LoadResult Load, ServerCost Server);

/// <param name="Ceiling">The last round's ceiling load (its latencies and costs are the ones shown).</param>
/// <param name="Hot">The last round's hot reads.</param>
/// <param name="CeilingRequestsPerSecond">The mean over all rounds.</param>
/// <param name="HotRequestsPerSecond">The mean over all rounds.</param>
/// <param name="ShareOfCeiling">The two means' ratio: the figure.</param>
/// <param name="RoundShares">Each round's own ratio, which shows how much a single run drifts.</param>
/// <param name="Failed">Failed requests over every round, hot and ceiling.</param>
/// <param name="HitRatio">The hot reads answered <c>X-Cache: hit</c>: from memory, the grain's or the front end's read cache.</param>
/// <param name="ReadCacheShare">The hot reads (warm-ups included) the front end answered from its own read cache, without a grain call.</param>
public sealed record HotReadsResult(
    string Topology,
    int Profiles,
    int Connections,
    int BodyBytes,
    MeasuredLoad Ceiling,
    MeasuredLoad Hot,
    double CeilingRequestsPerSecond,
    double HotRequestsPerSecond,
    double ShareOfCeiling,
    IReadOnlyList<double> RoundShares,
    long Failed,
    double HitRatio,
    double ReadCacheShare);

using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 5, upstream half: reads of profiles no one has read, which the cluster must fetch upstream,
/// next to the same profiles read straight from the sandbox (latency set to zero): the difference is our overhead.
/// </summary>
public static class ColdUpstreamScenario
{
    public static async Task<ColdPathResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var ids = context.Load.WriteIds("cold-upstream", context.Environment.ProfileIds(settings.HotProfiles + settings.EconomyProfiles, settings.ColdReads));
        await context.Environment.Upstream.ClearFaultsAsync(cancellationToken);

        context.Step($"{topology.Name}: {settings.ColdReads:N0} cold reads that go upstream, {settings.ColdConnections} connections");
        var cluster = await HotReadsScenario.MeasureAsync(context, topology, ColdReads(topology.Api.HttpAddress, HotReadsScenario.ProfilePath, ids, BenchContext.ApiHeaders, settings), cancellationToken);
        HotReadsScenario.EnsureAllSucceeded(cluster.Load, "reading cold profiles");

        context.Step("Ceiling: the same profiles read straight from the sandbox");
        var upstreamHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {BenchEnvironment.UnpacedKey}" };
        var direct = await context.Load.RunAsync(ColdReads(context.Environment.Sandbox.RootAddress, "/v1/profiles/{id}", ids, upstreamHeaders, settings), cancellationToken);
        HotReadsScenario.EnsureAllSucceeded(direct, "reading the sandbox directly");

        return new ColdPathResult("upstream", topology.Name, cluster.Load, cluster.Server, Sources(cluster.Load), direct.LatencyMs, "the same GET straight from the sandbox");
    }

    internal static LoadPlan ColdReads(Uri baseAddress, string pathTemplate, string ids, IReadOnlyDictionary<string, string> headers, BenchSettings settings) => new()
    {
        BaseAddress = baseAddress.GetLeftPart(UriPartial.Authority),
        PathTemplate = pathTemplate,
        IdsFile = ids,
        Headers = headers,
        Connections = settings.ColdConnections,
        Order = LoadOrder.Sequential,
        CountHeaders = ["X-Cache-Source"],

        // A few thousand reads a second: without it the generator's own thread hand-offs cost it several times a read's work, on the cores the reads share.
        InlineSocketCompletions = true,
    };

    internal static IReadOnlyDictionary<string, long> Sources(LoadResult load) =>
        load.HeaderCounts.GetValueOrDefault("X-Cache-Source") ?? new Dictionary<string, long>();
}

/// <summary>Latency of reads that had to leave the cluster's memory, next to the same data fetched directly.</summary>
/// <param name="Server">What the serving processes spent on the reads, JIT compilation included.</param>
/// <param name="IdleCpuMicrosecondsPerRead">
/// What the same processes spend idle (timers, stream polling, metric readers) over as long as the reads'
/// measurement took, per read: the part of <see cref="Server"/>'s CPU that is not the reads'. Null where not measured.
/// </param>
/// <param name="IdleAllocatedBytesPerRead">The same for the bytes they allocate: the part of <see cref="Server"/>'s allocations that is not the reads'.</param>
public sealed record ColdPathResult(
    string Path,
    string Topology,
    LoadResult Load,
    ServerCost Server,
    IReadOnlyDictionary<string, long> Sources,
    LatencySummary CeilingLatencyMs,
    string Ceiling,
    double? IdleCpuMicrosecondsPerRead = null,
    double? IdleAllocatedBytesPerRead = null);

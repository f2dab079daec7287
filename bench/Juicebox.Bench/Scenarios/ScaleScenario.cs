using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 7, the scale curve: Embedded mode's hot reads at 16, 64, 256 and 1,024 connections (the same
/// warmed profiles at each, in two passes), and the upstream economy over a large number of profiles nobody has read.
/// </summary>
public static class ScaleScenario
{
    public static IReadOnlyList<int> ConnectionSteps { get; } = [16, 64, 256, 1024];

    public static async Task<ScaleResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var baseAddress = topology.Api.HttpAddress.ToString().TrimEnd('/');
        var hotIds = context.Load.WriteIds("scale-hot", context.Environment.ProfileIds(0, settings.HotProfiles));
        context.Step($"{topology.Name}: warming {settings.HotProfiles:N0} profiles for the scale curve");
        HotReadsScenario.EnsureAllSucceeded(await context.Load.RunAsync(HotReadPlans.Warm(baseAddress, hotIds, settings), cancellationToken), "warming");

        // Two passes, up then down, so a drift over the minute the curve takes bends neither end of it.
        Dictionary<int, List<LoadResult>> loads = ConnectionSteps.ToDictionary(connections => connections, _ => new List<LoadResult>());
        foreach (var (connections, pass) in ConnectionSteps.Select(c => (c, 1)).Concat(ConnectionSteps.Reverse().Select(c => (c, 2))))
        {
            context.Step($"{topology.Name}: hot reads at {connections:N0} connections, pass {pass} of 2");
            loads[connections].Add(await context.Load.RunAsync(
                HotReadPlans.Hot(baseAddress, hotIds, settings) with { Connections = connections },
                cancellationToken));
        }

        List<ScaleStep> steps = [.. ConnectionSteps.Select(connections => new ScaleStep(connections, loads[connections]))];

        // Profiles after every other figure's ranges, so none of them is held yet.
        var first = settings.HotProfiles + settings.EconomyProfiles + settings.ColdReads;
        var economyIds = context.Load.WriteIds("scale-economy", context.Environment.ProfileIds(first, settings.ScaleEconomyProfiles));
        await context.Environment.Upstream.ResetAsync(cancellationToken);
        context.Step($"{topology.Name}: {settings.ScaleEconomyRequests:N0} Zipf reads over {settings.ScaleEconomyProfiles:N0} cold profiles");
        var economy = await context.Load.RunAsync(UpstreamEconomyScenario.ZipfReads(baseAddress, economyIds, settings.ScaleEconomyRequests, settings), cancellationToken);
        HotReadsScenario.EnsureAllSucceeded(economy, "the large economy load");
        var upstreamCalls = UpstreamEconomyScenario.ProfileCalls(await context.Environment.Upstream.GetStatsAsync(cancellationToken));
        return new ScaleResult(
            topology.Name,
            steps,
            economy,
            upstreamCalls,
            economy.DistinctIds == 0 ? 0 : (double)upstreamCalls / economy.DistinctIds);
    }
}

/// <param name="Passes">The step's loads, one per pass (the first on the way up).</param>
public sealed record ScaleStep(int Connections, IReadOnlyList<LoadResult> Passes)
{
    public double RequestsPerSecond => Passes.Average(load => load.RequestsPerSecond);

    public long Failed => Passes.Sum(load => load.Failed);
}

public sealed record ScaleResult(
    string Topology,
    IReadOnlyList<ScaleStep> HotReads,
    LoadResult Economy,
    long UpstreamProfileCalls,
    double CallsPerDistinctProfile);

using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;
using Juicebox.Testing;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 2: a Zipf-distributed read load over profiles no one has read, from many concurrent
/// callers at once. The ceiling is one upstream call per distinct profile read.
/// </summary>
public static class UpstreamEconomyScenario
{
    public const string UpstreamProfileCall = "GET /profiles/{id}";
    public const string UpstreamBatchCall = "POST /profiles/batch";

    public static async Task<UpstreamEconomyResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var ids = context.Load.WriteIds("economy", context.Environment.ProfileIds(settings.HotProfiles, settings.EconomyProfiles));
        await context.Environment.Upstream.ResetAsync(cancellationToken);

        context.Step($"{topology.Name}: {settings.EconomyRequests:N0} Zipf reads over {settings.EconomyProfiles:N0} cold profiles");
        var load = await context.Load.RunAsync(ZipfReads(topology.Api.HttpAddress.ToString(), ids, settings.EconomyRequests, settings), cancellationToken);

        var stats = await context.Environment.Upstream.GetStatsAsync(cancellationToken);
        var upstreamCalls = ProfileCalls(stats);
        return new UpstreamEconomyResult(
            topology.Name,
            settings.EconomyProfiles,
            settings.ZipfExponent,
            load,
            upstreamCalls,
            load.DistinctIds,
            load.DistinctIds == 0 ? 0 : (double)upstreamCalls / load.DistinctIds,
            stats.Statuses.GetValueOrDefault("429"));
    }

    /// <summary>The economy load (figures 2, 6 and 7): <paramref name="requests"/> Zipf-distributed reads of the profiles in <paramref name="ids"/>.</summary>
    internal static LoadPlan ZipfReads(string baseAddress, string ids, int requests, BenchSettings settings) => new()
    {
        BaseAddress = baseAddress.TrimEnd('/'),
        PathTemplate = HotReadsScenario.ProfilePath,
        IdsFile = ids,
        Headers = BenchContext.ApiHeaders,
        Connections = settings.Connections,
        Order = LoadOrder.Zipf,
        ZipfExponent = settings.ZipfExponent,
        Requests = requests,
        CountHeaders = ["X-Cache"],
    };

    /// <summary>Profile reads the sandbox served since its last reset, single or in batches.</summary>
    internal static long ProfileCalls(SandboxStats stats) =>
        stats.Calls.GetValueOrDefault(UpstreamProfileCall) + (long)stats.Calls.GetValueOrDefault(UpstreamBatchCall);
}

public sealed record UpstreamEconomyResult(
    string Topology,
    int Profiles,
    double ZipfExponent,
    LoadResult Load,
    long UpstreamProfileCalls,
    int DistinctProfilesRead,
    double CallsPerDistinctProfile,
    int Upstream429s);

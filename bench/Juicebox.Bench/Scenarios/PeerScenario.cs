using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 6: the seed's own design (Express + Redis, cache-aside; <see cref="PeerService"/>) under the
/// same two loads as figures 1 and 2, from the same load generator in the same run: random reads of
/// the same warmed profiles, and the Zipf load over the same cold profiles, counted at the same sandbox.
/// </summary>
public static class PeerScenario
{
    public static async Task<PeerResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        await using var peer = await PeerService.StartAsync(context.Environment, cancellationToken);
        var baseAddress = peer.HttpAddress.ToString().TrimEnd('/');
        var hotIds = context.Load.WriteIds("peer-hot", context.Environment.ProfileIds(0, settings.HotProfiles));

        context.Step($"{PeerService.Name}: warming {settings.HotProfiles:N0} profiles");
        var warmPlan = new LoadPlan
        {
            BaseAddress = baseAddress,
            PathTemplate = HotReadsScenario.ProfilePath,
            IdsFile = hotIds,
            Headers = BenchContext.ApiHeaders,
            Connections = settings.Connections,
            Order = LoadOrder.Sequential,
        };
        HotReadsScenario.EnsureAllSucceeded(await context.Load.RunAsync(warmPlan, cancellationToken), "warming the peer");

        var hotPlan = warmPlan with
        {
            Order = LoadOrder.Uniform,
            WarmupSeconds = settings.HotWarmup.TotalSeconds,
            DurationSeconds = settings.HotDuration.TotalSeconds,
            CountHeaders = ["X-Cache"],
        };
        List<LoadResult> hots = [];
        for (var round = 1; round <= settings.HotRounds; round++)
        {
            context.Step($"{PeerService.Name}: hot reads, round {round} of {settings.HotRounds}");
            var hot = await context.Load.RunAsync(hotPlan, cancellationToken);
            HotReadsScenario.EnsureAllSucceeded(hot, "reading hot profiles from the peer");
            hots.Add(hot);
        }

        var economyIds = context.Load.WriteIds("peer-economy", context.Environment.ProfileIds(settings.HotProfiles, settings.EconomyProfiles));
        await context.Environment.Upstream.ResetAsync(cancellationToken);
        context.Step($"{PeerService.Name}: {settings.EconomyRequests:N0} Zipf reads over {settings.EconomyProfiles:N0} profiles it has not read");
        var economy = await context.Load.RunAsync(UpstreamEconomyScenario.ZipfReads(baseAddress, economyIds, settings.EconomyRequests, settings), cancellationToken);
        var upstreamCalls = UpstreamEconomyScenario.ProfileCalls(await context.Environment.Upstream.GetStatsAsync(cancellationToken));

        return new PeerResult(
            PeerService.Name,
            settings.Connections,
            hots[^1],
            hots.Average(load => load.RequestsPerSecond),
            economy,
            upstreamCalls,
            economy.DistinctIds == 0 ? 0 : (double)upstreamCalls / economy.DistinctIds);
    }
}

/// <param name="Hot">The last round's hot reads (its latencies are the ones shown).</param>
/// <param name="HotRequestsPerSecond">The mean over all rounds.</param>
public sealed record PeerResult(
    string Peer,
    int Connections,
    LoadResult Hot,
    double HotRequestsPerSecond,
    LoadResult Economy,
    long UpstreamProfileCalls,
    double CallsPerDistinctProfile);

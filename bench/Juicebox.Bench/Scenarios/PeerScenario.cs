using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 6: the seed's own design (Express + Redis, cache-aside; <see cref="PeerService"/>) under the
/// same two loads as figures 1 and 2, from the same load generator in the same run: random reads of
/// the same warmed profiles, alternating round by round with our Embedded mode's, and the Zipf load
/// over the same cold profiles, counted at the same sandbox.
/// </summary>
public static class PeerScenario
{
    /// <param name="ours">Our Embedded mode, started for this figure: its hot reads alternate with the peer's, round by round.</param>
    public static async Task<PeerResult> RunAsync(BenchContext context, BenchTopology ours, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        await using var peer = await PeerService.StartAsync(context.Environment, cancellationToken);
        var baseAddress = peer.HttpAddress.ToString().TrimEnd('/');
        var hotIds = context.Load.WriteIds("peer-hot", context.Environment.ProfileIds(0, settings.HotProfiles));

        context.Step($"{PeerService.Name} and {ours.Name}: warming {settings.HotProfiles:N0} profiles in each");
        var oursAddress = ours.Api.HttpAddress.ToString().TrimEnd('/');
        HotReadsScenario.EnsureAllSucceeded(await context.Load.RunAsync(HotReadPlans.Warm(baseAddress, hotIds, settings), cancellationToken), "warming the peer");
        HotReadsScenario.EnsureAllSucceeded(await context.Load.RunAsync(HotReadPlans.Warm(oursAddress, hotIds, settings), cancellationToken), "warming ours");

        var hotPlan = HotReadPlans.Hot(baseAddress, hotIds, settings);
        var oursHotPlan = HotReadPlans.Hot(oursAddress, hotIds, settings);

        // The two alternate round by round (figure 1's rounds ran minutes earlier).
        var (hots, oursHots) = await AlternatingRounds.RunAsync(
            settings.HotRounds,
            () => ReadHotAsync(context, hotPlan, "the peer", cancellationToken),
            () => ReadHotAsync(context, oursHotPlan, "ours", cancellationToken),
            (round, peerFirst) => context.Step($"{PeerService.Name} and {ours.Name}: hot reads, round {round} of {settings.HotRounds}, {(peerFirst ? "the peer first" : "ours first")}"));

        var economyIds = context.Load.WriteIds("peer-economy", context.Environment.ProfileIds(settings.HotProfiles, settings.EconomyProfiles));
        await context.Environment.Upstream.ResetAsync(cancellationToken);
        context.Step($"{PeerService.Name}: {settings.EconomyRequests:N0} Zipf reads over {settings.EconomyProfiles:N0} profiles it has not read");
        var economy = await context.Load.RunAsync(UpstreamEconomyScenario.ZipfReads(baseAddress, economyIds, settings.EconomyRequests, settings), cancellationToken);
        var upstreamCalls = UpstreamEconomyScenario.ProfileCalls(await context.Environment.Upstream.GetStatsAsync(cancellationToken));

        return new PeerResult(
            PeerService.Name,
            settings.Connections,
            settings.HotRounds,
            hots[^1],
            hots.Average(load => load.RequestsPerSecond),
            oursHots[^1],
            oursHots.Average(load => load.RequestsPerSecond),
            economy,
            upstreamCalls,
            economy.DistinctIds == 0 ? 0 : (double)upstreamCalls / economy.DistinctIds);
    }

    private static async Task<LoadResult> ReadHotAsync(BenchContext context, LoadPlan plan, string whose, CancellationToken cancellationToken)
    {
        var hot = await context.Load.RunAsync(plan, cancellationToken);
        HotReadsScenario.EnsureAllSucceeded(hot, $"reading hot profiles from {whose}");
        return hot;
    }
}

/// <param name="Hot">The peer's last round of hot reads (its latencies are the ones shown).</param>
/// <param name="HotRequestsPerSecond">The peer's mean over all rounds.</param>
/// <param name="OursHot">Our Embedded mode's last round, alternating with the peer's.</param>
/// <param name="OursHotRequestsPerSecond">Our mean over the same rounds.</param>
public sealed record PeerResult(
    string Peer,
    int Connections,
    int Rounds,
    LoadResult Hot,
    double HotRequestsPerSecond,
    LoadResult OursHot,
    double OursHotRequestsPerSecond,
    LoadResult Economy,
    long UpstreamProfileCalls,
    double CallsPerDistinctProfile);

using Juicebox.Bench.Hosts;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Warms a fresh silo for figure 5's cold reads from PostgreSQL until reading stored profiles no longer
/// makes its JIT compiler work. .NET recompiles a method at tier 1 only after it was called 30 times with
/// call counting on, and call counting starts only once no new method was compiled for 100 ms: a burst of
/// reads followed by a pause leaves the read path's methods at tier 0, counting, and the next load (the
/// measured one) paid for their recompilation at tier 1 (2.8 s of JIT during 2,000 reads in the 15:00 run).
/// So the warm-up reads other stored profiles in rounds, lets the compiler go quiet after each, and stops
/// after a round that compiled next to nothing; the figure then reports the JIT work left in the measured
/// window beside it. The first round runs at the read loads' concurrency, so the pools it grows (database
/// connections, threads) are in figure 4's baseline as before; the others at the cold reads' concurrency.
/// </summary>
internal static class StorageWarmup
{
    // Fewer methods compiled than this per read in a round counts as warm (a fresh process compiles thousands).
    private const double QuietMethodsPerRead = 0.05;

    public static async Task RunAsync(BenchContext context, BenchTopology topology, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var roundSize = Math.Max(1, (ids.Count + settings.StorageWarmupRounds - 1) / settings.StorageWarmupRounds);
        var round = 0;
        foreach (var chunk in ids.Chunk(roundSize))
        {
            round++;
            var before = await ServerCost.SnapshotAsync(topology.Servers, cancellationToken);
            var plan = ColdUpstreamScenario.ColdReads(topology.Api.HttpAddress, HotReadsScenario.ProfilePath, context.Load.WriteIds($"warm-storage-{round}", chunk), BenchContext.ApiHeaders, settings);
            var connections = round == 1 ? settings.Connections : settings.ColdConnections;
            var warm = await context.Load.RunAsync(plan with { Connections = connections }, cancellationToken);
            HotReadsScenario.EnsureAllSucceeded(warm, "warming the fresh silo");
            var settled = await JitSettling.WaitAsync(topology.Servers, cancellationToken);
            var cost = await ServerCost.MeasureSinceAsync(topology.Servers, before, warm.Requests, warm.ElapsedSeconds, cancellationToken);
            context.Step($"{topology.Name}: warm-up round {round}: {chunk.Length:N0} reads of other stored profiles, {connections} connections; "
                + $"the servers compiled {cost.JitCompiledMethods:N0} methods ({cost.JitSeconds:0.00} s){(settled ? "" : ", [yellow]still compiling after 20 s[/]")}");
            if (settled && cost.JitCompiledMethods < QuietMethodsPerRead * chunk.Length)
            {
                return;
            }
        }
    }
}

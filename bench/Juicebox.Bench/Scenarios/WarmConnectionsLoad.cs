using System.Diagnostics;
using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Runs a load whose measured requests come from a client that is already warm: one load-generator process
/// first reads other ids, unrecorded, on the connections it then measures on, waits for its own JIT compiler,
/// and signals; the bench waits for the servers' compilers to go quiet, takes their figures and lets it start.
/// A fresh process would otherwise JIT-compile its HTTP client, and the servers their connection accept paths,
/// inside the measured window (figure 5: a cold read means a profile no silo holds, not a client that just started).
/// </summary>
internal static class WarmConnectionsLoad
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(20);

    // Two recompilations (instrumented, then optimized) each need a quiet spell and then 30 calls: a round for each, and slack.
    private const int WarmupRounds = 4;

    /// <returns>The measured load, what the servers spent on it alone, the warm-up as the servers saw it, and the seconds between the servers' two figures.</returns>
    public static async Task<WarmedLoad> MeasureAsync(
        BenchContext context,
        BenchTopology topology,
        LoadPlan plan,
        string warmupIds,
        int warmupReads,
        CancellationToken cancellationToken)
    {
        var servers = topology.Servers;
        var warmed = context.Load.SignalPath("warmed");
        var start = context.Load.SignalPath("start");
        var beforeWarmup = await ServerCost.SnapshotAsync(servers, cancellationToken);

        // Cancelled when the bench fails before the start file: the process then ends now, not after its wait for the file.
        using var generator = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = context.Load.RunAsync(plan with { WarmupIdsFile = warmupIds, WarmupRounds = WarmupRounds, WarmedFile = warmed, StartFile = start }, generator.Token);
        ServerCost warmup;
        IReadOnlyList<ProcessFigures> before;
        bool settled;
        try
        {
            while (!File.Exists(warmed))
            {
                if (run.IsCompleted)
                {
                    await run;
                    throw new InvalidOperationException($"The load generator ended without signalling the end of its warm-up ({warmed}).");
                }

                await Task.Delay(_poll, cancellationToken);
            }

            settled = await JitSettling.WaitAsync(servers, cancellationToken);
            warmup = await ServerCost.MeasureSinceAsync(servers, beforeWarmup, warmupReads, elapsedSeconds: 0, cancellationToken);
            before = await ServerCost.SnapshotAsync(servers, cancellationToken);
        }
        catch
        {
            await generator.CancelAsync();
            await run.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        var window = Stopwatch.StartNew();
        await File.WriteAllTextAsync(start, string.Empty, cancellationToken);
        var load = await run;
        var cost = await ServerCost.MeasureSinceAsync(servers, before, load.Requests, load.ElapsedSeconds, cancellationToken);
        return new WarmedLoad(new MeasuredLoad(load, cost), warmup, settled, window.Elapsed.TotalSeconds);
    }
}

/// <param name="Warmup">What the servers spent from the load generator's start until they settled after its warm-up, per warm-up read.</param>
/// <param name="Settled">Whether the servers' compilers went quiet before the measured requests started.</param>
/// <param name="WindowSeconds">From the servers' figures before the measured requests to theirs after.</param>
internal sealed record WarmedLoad(MeasuredLoad Measured, ServerCost Warmup, bool Settled, double WindowSeconds);

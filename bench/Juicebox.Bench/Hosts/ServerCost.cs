using Juicebox.Testing;
namespace Juicebox.Bench.Hosts;

/// <summary>What the serving processes spent during one measured load: CPU and allocations, in total and per request.</summary>
/// <param name="JitSeconds">Time the serving processes' JIT compilers spent during the load: large while a fresh process still compiles its paths.</param>
/// <param name="JitCompiledMethods">Methods the serving processes' JIT compilers compiled during the load (a method recompiled at a higher tier counts again).</param>
/// <param name="InlineSocketCompletions">Whether every serving process ran with its sockets completing on their polling threads (<c>Sockets__InlineCompletions</c>).</param>
public sealed record ServerCost(
    double CpuSeconds,
    double CpuCores,
    double CpuMicrosecondsPerRequest,
    double AllocatedBytesPerRequest,
    double Gen0CollectionsPerThousandRequests,
    double JitSeconds,
    long JitCompiledMethods = 0,
    bool InlineSocketCompletions = false)
{
    /// <summary>Snapshots of every serving process, taken just before a load starts.</summary>
    public static async Task<IReadOnlyList<ProcessFigures>> SnapshotAsync(IReadOnlyList<JuiceboxHost> servers, CancellationToken cancellationToken) =>
        await Task.WhenAll(servers.Select(host => HostDiagnostics.ReadProcessAsync(host, collect: false, cancellationToken)));

    /// <summary>The difference between <paramref name="before"/> and snapshots taken now, over <paramref name="requests"/> requests.</summary>
    public static async Task<ServerCost> MeasureSinceAsync(
        IReadOnlyList<JuiceboxHost> servers,
        IReadOnlyList<ProcessFigures> before,
        long requests,
        double elapsedSeconds,
        CancellationToken cancellationToken)
    {
        var after = await SnapshotAsync(servers, cancellationToken);
        var cpu = after.Zip(before, (end, start) => end.CpuSeconds - start.CpuSeconds).Sum();
        var allocated = after.Zip(before, (end, start) => (double)(end.TotalAllocatedBytes - start.TotalAllocatedBytes)).Sum();
        var gen0 = after.Zip(before, (end, start) => (double)(end.Collections[0] - start.Collections[0])).Sum();
        var jit = after.Zip(before, (end, start) => end.JitSeconds - start.JitSeconds).Sum();
        var jitMethods = after.Zip(before, (end, start) => end.JitCompiledMethods - start.JitCompiledMethods).Sum();
        var perRequest = Math.Max(1, requests);
        return new ServerCost(
            cpu,
            elapsedSeconds > 0 ? cpu / elapsedSeconds : 0,
            cpu * 1e6 / perRequest,
            allocated / perRequest,
            gen0 * 1000 / perRequest,
            jit,
            jitMethods,
            after.All(figures => figures.InlineSocketCompletions));
    }
}

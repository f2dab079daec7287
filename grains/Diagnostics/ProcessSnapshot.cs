namespace Juicebox.Grains.Diagnostics;

/// <summary>The body of <c>GET /_diagnostics/process</c>: what this host's process holds and has spent so far.</summary>
/// <param name="ManagedHeapBytes">Bytes live on the managed heap (after a full collection when one was asked for).</param>
/// <param name="GcHeapSizeBytes">The GC heap's size after its last collection, fragmentation included.</param>
/// <param name="GcCommittedBytes">Memory the GC has committed from the operating system.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="PrivateMemoryBytes">The process's private memory.</param>
/// <param name="TotalAllocatedBytes">Bytes allocated since the process started.</param>
/// <param name="CpuSeconds">CPU time the process has used, user and system.</param>
/// <param name="Collections">Collections so far of generations 0, 1 and 2.</param>
/// <param name="JitSeconds">Time the JIT compiler has spent so far: a fresh process spends seconds of its cores on it.</param>
/// <param name="JitCompiledMethods">Methods the JIT has compiled so far (each tier counts once).</param>
/// <param name="InlineSocketCompletions">Whether the process's sockets complete on their polling thread (<c>Sockets__InlineCompletions</c>).</param>
public sealed record ProcessSnapshot(
    long ManagedHeapBytes,
    long GcHeapSizeBytes,
    long GcCommittedBytes,
    long WorkingSetBytes,
    long PrivateMemoryBytes,
    long TotalAllocatedBytes,
    double CpuSeconds,
    IReadOnlyList<int> Collections,
    double JitSeconds,
    long JitCompiledMethods,
    bool InlineSocketCompletions)
{
    public static ProcessSnapshot Take(bool collectFirst)
    {
        if (collectFirst)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new ProcessSnapshot(
            GC.GetTotalMemory(forceFullCollection: false),
            gc.HeapSizeBytes,
            gc.TotalCommittedBytes,
            process.WorkingSet64,
            process.PrivateMemorySize64,
            GC.GetTotalAllocatedBytes(precise: true),
            process.TotalProcessorTime.TotalSeconds,
            [.. Enumerable.Range(0, GC.MaxGeneration + 1).Select(GC.CollectionCount)],
            System.Runtime.JitInfo.GetCompilationTime(currentThread: false).TotalSeconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false),
            Hosting.InlineSocketCompletions.AreOn);
    }
}

using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// Waits until freshly started hosts have stopped compiling: a new process spends seconds of both cores
/// JIT-compiling (and recompiling at tier 1) the paths its first reads took, which a figure taken
/// meanwhile would report as the cost of those reads.
/// </summary>
internal static class JitSettling
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan _limit = TimeSpan.FromSeconds(20);

    // Less compilation than this in one interval counts as settled.
    private const double QuietJitSeconds = 0.02;

    /// <summary>Polls the hosts' JIT time until it stops growing; returns whether it did within the limit.</summary>
    public static async Task<bool> WaitAsync(IReadOnlyList<JuiceboxHost> hosts, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _limit;
        var before = await JitSecondsAsync(hosts, cancellationToken);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(_interval, cancellationToken);
            var now = await JitSecondsAsync(hosts, cancellationToken);
            if (now - before < QuietJitSeconds)
            {
                return true;
            }

            before = now;
        }

        return false;
    }

    private static async Task<double> JitSecondsAsync(IReadOnlyList<JuiceboxHost> hosts, CancellationToken cancellationToken) =>
        (await ServerCost.SnapshotAsync(hosts, cancellationToken)).Sum(figures => figures.JitSeconds);
}

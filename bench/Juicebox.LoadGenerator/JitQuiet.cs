using System.Runtime;

namespace Juicebox.LoadGenerator;

/// <summary>
/// Waits for this process's JIT compiler to finish what a warm-up gave it (tier-1 recompilations run in the
/// background, after the calls that earned them), so that it does not compete with the measured requests.
/// </summary>
internal static class JitQuiet
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan _limit = TimeSpan.FromSeconds(5);

    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _limit;
        var before = JitInfo.GetCompiledMethodCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(_interval, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == before)
            {
                return;
            }

            before = now;
        }
    }
}

using System.Diagnostics;

namespace Juicebox.Testing;

/// <summary>Polls for a condition instead of sleeping, and says what it waited for when it gives up.</summary>
public static class Eventually
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns how long it took until <paramref name="condition"/> held; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> WaitForAsync(
        Func<CancellationToken, Task<bool>> condition,
        TimeSpan timeout,
        string awaited,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition(cancellationToken))
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {awaited}; it did not happen.");
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }
    }
}

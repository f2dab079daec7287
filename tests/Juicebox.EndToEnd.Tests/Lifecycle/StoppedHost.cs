using System.Diagnostics;
using System.Globalization;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>How a host's SIGTERM ended: how long it took, its exit code, and whether the test had to kill it.</summary>
public sealed record StoppedHost(string Name, TimeSpan Took, int? ExitCode, bool Killed)
{
    /// <summary>The exit code of a stop that the shutdown deadline cut short (ShutdownDeadline.ExitCode).</summary>
    public const int DeadlineExitCode = 3;

    /// <summary>SIGTERM, then waits up to <paramref name="killAfter"/> for the host to exit by itself, SIGKILL after.</summary>
    public static Task<StoppedHost> StopAsync(JuiceboxHost host, TimeSpan killAfter) => StopAsync(host.Process, killAfter);

    /// <inheritdoc cref="StopAsync(JuiceboxHost, TimeSpan)"/>
    public static async Task<StoppedHost> StopAsync(HostProcess process, TimeSpan killAfter)
    {
        var clock = Stopwatch.StartNew();
        await process.StopAsync(killAfter);
        var took = clock.Elapsed;
        return new StoppedHost(process.Name, took, process.ExitCode, took >= killAfter);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: exited {Took.TotalSeconds:0.0} s after SIGTERM with code {ExitCode}{(Killed ? " (killed: it did not exit by itself)" : string.Empty)}");
}

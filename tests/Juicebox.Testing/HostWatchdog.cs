using System.Globalization;

namespace Juicebox.Testing;

/// <summary>Kills a host process once the test process that started it has gone, so no silo or API outlives its test run.</summary>
internal static class HostWatchdog
{
    // $2 = host pid, $3 = text the host's command line must contain (guards against a reused pid).
    private const string KillHost =
        "tr '\\0' ' ' < /proc/\"$2\"/cmdline 2>/dev/null | grep -qF -- \"$3\" && kill -KILL \"$2\" 2>/dev/null";

    /// <summary>Starts the watchdog and returns its process id (0 if it could not tell).</summary>
    public static int Start(int ownerPid, int hostPid, string commandLineMark) =>
        OrphanWatchdog.Start(ownerPid, KillHost, hostPid.ToString(CultureInfo.InvariantCulture), commandLineMark);

    public static void Stop(int pid) => OrphanWatchdog.Stop(pid);
}

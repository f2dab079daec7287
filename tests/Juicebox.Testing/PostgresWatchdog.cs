using System.Globalization;

namespace Juicebox.Testing;

/// <summary>Stops a private PostgreSQL server and deletes its directory once the process that started it has gone.</summary>
internal static class PostgresWatchdog
{
    // $2 = postmaster pid, $3 = directory to delete.
    private const string StopServer =
        "kill -QUIT \"$2\" 2>/dev/null; sleep 2; kill -KILL \"$2\" 2>/dev/null; rm -rf \"$3\"";

    /// <summary>Starts the watchdog and returns its process id (0 if it could not tell).</summary>
    public static int Start(int ownerPid, int postmasterPid, string directory) =>
        OrphanWatchdog.Start(ownerPid, StopServer, postmasterPid.ToString(CultureInfo.InvariantCulture), directory);

    public static void Stop(int pid) => OrphanWatchdog.Stop(pid);
}

using System.Diagnostics;
using System.Globalization;

namespace Juicebox.Testing;

/// <summary>
/// A detached shell loop that stops a private PostgreSQL server and deletes its directory once the
/// process that started it has gone, however it went (a crash or <c>kill -9</c> included).
/// It is re-parented to init, so killing the test process's tree does not take it along.
/// </summary>
internal static class PostgresWatchdog
{
    // $1 = owner pid, $2 = postmaster pid, $3 = directory to delete.
    private const string Loop =
        "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; " +
        "kill -QUIT \"$2\" 2>/dev/null; sleep 2; kill -KILL \"$2\" 2>/dev/null; rm -rf \"$3\"";

    /// <summary>Starts the watchdog and returns its process id.</summary>
    public static int Start(int ownerPid, int postmasterPid, string directory)
    {
        // The outer shell backgrounds the loop (with every stream detached) and exits at once,
        // printing the loop's pid.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("sh -c \"$0\" _ \"$1\" \"$2\" \"$3\" </dev/null >/dev/null 2>&1 & echo $!");
        startInfo.ArgumentList.Add(Loop);
        startInfo.ArgumentList.Add(ownerPid.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(postmasterPid.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(directory);

        using var launcher = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog shell.");
        var output = launcher.StandardOutput.ReadToEnd();
        launcher.WaitForExit();
        return int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
    }

    public static void Stop(int pid)
    {
        if (UnixProcess.IsAlive(pid) && UnixProcess.CommandLineContains(pid, "kill -0"))
        {
            UnixProcess.Signal(pid, UnixProcess.SigTerm);
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Juicebox.Testing;

/// <summary>
/// A detached shell loop that kills a host process once the test process that started it has gone,
/// however it went (a crash, <c>kill -9</c> or a runner timeout included), so no silo or API outlives
/// its test run. It is re-parented to init, so killing the test process's tree does not take it along.
/// </summary>
internal static class HostWatchdog
{
    // $1 = owner pid, $2 = host pid, $3 = text the host's command line must contain (guards against a reused pid).
    private const string Loop =
        "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; " +
        "tr '\\0' ' ' < /proc/\"$2\"/cmdline 2>/dev/null | grep -qF -- \"$3\" && kill -KILL \"$2\" 2>/dev/null";

    /// <summary>Starts the watchdog and returns its process id (0 if it could not tell).</summary>
    public static int Start(int ownerPid, int hostPid, string commandLineMark)
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
        startInfo.ArgumentList.Add(hostPid.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(commandLineMark);

        using var launcher = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start the host watchdog shell.");
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

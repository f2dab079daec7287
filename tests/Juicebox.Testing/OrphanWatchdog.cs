using System.Diagnostics;
using System.Globalization;

namespace Juicebox.Testing;

/// <summary>
/// A detached shell loop that waits for the test process that started it to go, however it went
/// (a crash, <c>kill -9</c> or a runner timeout included), then runs a cleanup script. It is
/// re-parented to init, so killing the test process's tree does not take it along.
/// </summary>
internal static class OrphanWatchdog
{
    private const string WaitForOwner = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; ";

    /// <summary>
    /// Starts the watchdog and returns its process id (0 if it could not tell). In
    /// <paramref name="cleanupScript"/>, <c>$2</c> and <c>$3</c> are the two arguments.
    /// </summary>
    public static int Start(int ownerPid, string cleanupScript, string argument2, string argument3)
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
        startInfo.ArgumentList.Add(WaitForOwner + cleanupScript);
        startInfo.ArgumentList.Add(ownerPid.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(argument2);
        startInfo.ArgumentList.Add(argument3);

        using var launcher = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start the watchdog shell.");
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

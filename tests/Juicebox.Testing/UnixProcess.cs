using System.Runtime.InteropServices;

namespace Juicebox.Testing;

/// <summary>Signals and liveness checks for processes known only by id (Linux).</summary>
internal static class UnixProcess
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsAlive(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");

    /// <summary>Whether the process's command line mentions <paramref name="text"/>; guards against reused ids.</summary>
    public static bool CommandLineContains(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Signal(int pid, int signal)
    {
        if (pid > 0)
        {
            _ = SendSignal(pid, signal);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

namespace Juicebox.Testing;

/// <summary>How a finished child process ended: its exit code and its combined output.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

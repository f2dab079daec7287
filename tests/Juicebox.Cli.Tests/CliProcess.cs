using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Juicebox.Cli.Tests;

/// <summary>How one run of the CLI ended.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the built juicebox CLI as a process, with stdout and stderr redirected (so it prints plain output).</summary>
public sealed class CliProcess : IDisposable
{
    private const int SigInt = 2;
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    private CliProcess(Process process) => _process = process;

    public static string Assembly { get; } = Path.Combine(RepositoryLayout.Root, "cli", "Juicebox.Cli", "bin", RepositoryLayout.Configuration, "net10.0", "juicebox.dll");

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] arguments)
    {
        // Through env: a runner started in the background by a non-interactive shell passes SIGINT on as
        // ignored, and .NET keeps an inherited ignore, so Ctrl-C would never reach the CLI.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("JUICEBOX_URL");
        start.Environment.Remove("JUICEBOX_KEY");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, line) => cli.Append(cli._stdout, line.Data);
        process.ErrorDataReceived += (_, line) => cli.Append(cli._stderr, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var cli = Start(environment, workingDirectory, arguments);
        return await cli.WaitAsync(timeout);
    }

    /// <summary>Ctrl-C, as a terminal sends it.</summary>
    public void Interrupt() => _ = SendSignal(_process.Id, SigInt);

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"juicebox {string.Join(' ', _process.StartInfo.ArgumentList.Skip(3))} did not exit within {timeout}.\n{Snapshot(-1)}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return Snapshot(_process.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private CliResult Snapshot(int exitCode)
    {
        lock (_lock)
        {
            return new CliResult(exitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.Append(line).Append('\n');
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}

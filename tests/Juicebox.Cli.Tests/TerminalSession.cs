using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Juicebox.Cli.Tests;

/// <summary>
/// Runs a command in a pseudo-terminal through util-linux's <c>script</c> (in every Debian), so the CLI
/// sees a terminal on stdout and draws what a person would see; returns everything it drew.
/// </summary>
public static partial class TerminalSession
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        // A terminal of a known size: script's own has none when the tests run without one.
        var command = "stty cols 120 rows 40; exec " + string.Join(' ', new[] { "dotnet", CliProcess.Assembly }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open (never written): script forwards its stdin to the terminal, and an end of input would hang it up.
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The terminal session '{command}' did not end within {timeout}.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The text without ANSI escape sequences (colours, cursor moves).</summary>
    public static string StripAnsi(string text) => Ansi().Replace(text, string.Empty);

    /// <summary>What the screen shows at the end: each line as last redrawn.</summary>
    public static string FinalScreen(string text)
    {
        var lines = new StringBuilder();
        foreach (var line in StripAnsi(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var last = line.Split('\r').LastOrDefault(part => part.Trim().Length > 0);
            if (last is not null)
            {
                lines.AppendLine(last.TrimEnd());
            }
        }

        return lines.ToString();
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\x1B(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")]
    private static partial Regex Ansi();
}

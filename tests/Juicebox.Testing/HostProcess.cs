using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Juicebox.Testing;

/// <summary>
/// A host (silo, client-api, sandbox) running as its own process, as in production: started with
/// environment variables, stopped gracefully with SIGTERM or killed with SIGKILL.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 400;
    private const int FirstLinesKept = 200;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<string> _firstStandardOutput = [];
    private int _watchdogPid;

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (0 after a graceful stop, 137 after SIGKILL); null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>The first lines the process wrote to standard output (up to 200), in order: what a user sees first.</summary>
    public IReadOnlyList<string> FirstStandardOutput
    {
        get
        {
            lock (_firstStandardOutput)
            {
                return [.. _firstStandardOutput];
            }
        }
    }

    /// <summary>Starts the assembly in its own folder, where its appsettings.json lies.</summary>
    public static HostProcess Start(string name, string assemblyPath, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(name, assemblyPath, Path.GetDirectoryName(assemblyPath)!, environment, arguments);

    /// <summary>Starts the assembly in <paramref name="workingDirectory"/>, as <c>dotnet run</c> from another folder would.</summary>
    public static HostProcess Start(
        string name,
        string assemblyPath,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        params string[] arguments)
    {
        var dotnetEnvironment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in environment)
        {
            dotnetEnvironment[key] = value;
        }

        return StartProgram(name, "dotnet", Path.GetDirectoryName(assemblyPath)!, dotnetEnvironment, [assemblyPath, .. arguments], commandLineMark: assemblyPath);
    }

    /// <summary>
    /// Any program (e.g. <c>node</c> or <c>redis-server</c> for the benchmark's peers). The watchdog that
    /// kills it if this process dies checks that its command line still contains <paramref name="commandLineMark"/>
    /// (default: the program's name).
    /// </summary>
    public static HostProcess StartProgram(
        string name,
        string fileName,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> arguments,
        string? commandLineMark = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (sender, line) =>
        {
            host.KeepFirst(line.Data);
            host.Keep(line.Data);
        };
        process.ErrorDataReceived += (sender, line) => host.Keep(line.Data);
        process.Start();
        host._watchdogPid = HostWatchdog.Start(Environment.ProcessId, process.Id, commandLineMark ?? fileName);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until <paramref name="url"/> answers 2xx, failing early if the process exits.</summary>
    public async Task WaitUntilHealthyAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {url} was healthy.\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not healthy at {url} within {timeout}.\n{RecentOutput}");
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for a graceful exit (SIGKILL after <paramref name="timeout"/>).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SendSignal(_process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        HostWatchdog.Stop(_watchdogPid);
        _process.Dispose();
    }

    /// <summary>Waits until a line of standard output matches <paramref name="condition"/>, failing early if the process exits.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, string awaited, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!FirstStandardOutput.Any(condition))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {awaited}.\n{RecentOutput}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not print {awaited} within {timeout}.\n{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void KeepFirst(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_firstStandardOutput)
        {
            if (_firstStandardOutput.Count < FirstLinesKept)
            {
                _firstStandardOutput.Add(line);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}

using System.Globalization;
using Npgsql;

namespace Juicebox.Testing;

/// <summary>
/// Faults a test can inflict on its private server: a shutdown in any of pg_ctl's modes, a start on
/// the same port and data, and a stall (the postmaster and its backends stopped with SIGSTOP, as a
/// hung disk or a frozen VM would leave them), all run as the server's OS user like the rest of it.
/// </summary>
public sealed partial class PostgresServer
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    private readonly Lock _stallLock = new();
    private List<int> _stalled = [];

    /// <summary>Whether the server is stopped with <see cref="StopAsync"/> and not started again.</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Whether the server is stalled with <see cref="Stall"/> and not resumed.</summary>
    public bool IsStalled
    {
        get
        {
            lock (_stallLock)
            {
                return _stalled.Count > 0;
            }
        }
    }

    /// <summary>
    /// <c>pg_ctl stop -m <paramref name="mode"/></c>: <c>fast</c> ends sessions and shuts down cleanly,
    /// <c>immediate</c> kills every process as a crash would (the next start recovers from the WAL).
    /// </summary>
    public async Task StopAsync(PostgresShutdownMode mode, CancellationToken cancellationToken = default)
    {
        Resume();
        PostgresWatchdog.Stop(_watchdogPid);
        _watchdogPid = 0;
        var result = await RunServerProgramAsync(
            _binaries.PgCtl,
            ["stop", "-D", _directory.DataDirectory, "-m", mode.ToString().ToLowerInvariant(), "-w", "-t", "60"],
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"pg_ctl stop -m {mode} failed (exit code {result.ExitCode}):{Environment.NewLine}{result.Output}");
        }

        IsStopped = true;
    }

    /// <summary>Starts the stopped server again, on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunServerProgramAsync(
            _binaries.PgCtl,
            ["start", "-D", _directory.DataDirectory, "-l", _directory.LogFile, "-w", "-t", "60",
                "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"pg_ctl start failed (exit code {result.ExitCode}) on port {Port}:{Environment.NewLine}{result.Output}"
                + $"{Environment.NewLine}Server log:{Environment.NewLine}{_directory.ReadLogTail()}");
        }

        ProcessId = _directory.ReadPostmasterPid()
            ?? throw new InvalidOperationException("PostgreSQL started again but wrote no postmaster.pid.");
        _watchdogPid = PostgresWatchdog.Start(Environment.ProcessId, ProcessId, _directory.Root);
        await WaitUntilAcceptingConnectionsAsync(cancellationToken);

        // The old server ended this process's pooled connections: the next use of one would fail.
        NpgsqlConnection.ClearAllPools();
        IsStopped = false;
    }

    /// <summary><c>pg_ctl restart -m <paramref name="mode"/></c>, as a stop and a start on the same port.</summary>
    public async Task RestartAsync(PostgresShutdownMode mode, CancellationToken cancellationToken = default)
    {
        await StopAsync(mode, cancellationToken);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the postmaster with SIGSTOP (and, with <paramref name="includeBackends"/>, every backend
    /// it started): connections stay open but nothing answers until <see cref="Resume"/>.
    /// </summary>
    public void Stall(bool includeBackends = true)
    {
        lock (_stallLock)
        {
            if (_stalled.Count > 0)
            {
                return;
            }

            _stalled = [ProcessId, .. includeBackends ? ChildrenOf(ProcessId) : []];
            foreach (var pid in _stalled)
            {
                UnixProcess.Signal(pid, SigStop);
            }
        }
    }

    /// <summary>Lets a stalled server run again (SIGCONT); does nothing when it is not stalled.</summary>
    public void Resume()
    {
        lock (_stallLock)
        {
            foreach (var pid in _stalled)
            {
                UnixProcess.Signal(pid, SigCont);
            }

            _stalled = [];
        }
    }

    /// <summary>Leaves the server running whatever a test did to it: resumed, and started if stopped.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        Resume();
        if (IsStopped)
        {
            await StartAgainAsync(cancellationToken);
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ...": the command may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
            {
                yield return pid;
            }
        }
    }
}

/// <summary>The shutdown modes of <c>pg_ctl stop</c>.</summary>
public enum PostgresShutdownMode
{
    /// <summary>Waits for every session to end.</summary>
    Smart,

    /// <summary>Ends every session and shuts down cleanly.</summary>
    Fast,

    /// <summary>Kills every process at once: a crash; the next start replays the WAL.</summary>
    Immediate,
}

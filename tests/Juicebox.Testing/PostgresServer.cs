using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Juicebox.Testing;

/// <summary>
/// A private, throw-away PostgreSQL server for tests: its own data directory in a temporary folder,
/// a free loopback port, trust authentication and durability switched off for speed. Start one per
/// test assembly and give each test its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const int StartAttempts = 4;
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries _binaries;
    private readonly PostgresServerDirectory _directory;
    private readonly bool _runAsPostgresUser;
    private int _watchdogPid;
    private int _disposed;

    private PostgresServer(PostgresBinaries binaries, PostgresServerDirectory directory, bool runAsPostgresUser)
    {
        _binaries = binaries;
        _directory = directory;
        _runAsPostgresUser = runAsPostgresUser;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The major version of the PostgreSQL binaries in use.</summary>
    public int MajorVersion => _binaries.MajorVersion;

    /// <summary>A superuser connection string to the <c>postgres</c> maintenance database.</summary>
    public string ConnectionString => BuildConnectionString("postgres");

    /// <summary>
    /// Creates a data directory, starts PostgreSQL on a free loopback port and returns once it accepts
    /// connections. Throws <see cref="InvalidOperationException"/> with install instructions when the
    /// server binaries are missing.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        OrphanedPostgresServers.Sweep();

        // PostgreSQL refuses to run as root, so under root it runs as the 'postgres' OS user.
        var server = new PostgresServer(binaries, PostgresServerDirectory.Create(), Environment.IsPrivilegedProcess);
        try
        {
            await server.InitializeAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates an empty database and returns a superuser connection string to it. Without a name,
    /// a unique one is generated, which is what keeps tests isolated from each other.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N")[..16];
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a plain lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63 characters).",
                nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return BuildConnectionString(name);
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // A stalled server cannot shut down.
        Resume();
        PostgresWatchdog.Stop(_watchdogPid);
        if (Directory.Exists(_directory.DataDirectory) && _directory.ReadPostmasterPid() is not null)
        {
            try
            {
                await RunServerProgramAsync(
                    _binaries.PgCtl,
                    ["stop", "-D", _directory.DataDirectory, "-m", "immediate", "-w", "-t", "20"],
                    CancellationToken.None);
            }
            catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
            {
                // Fall through to the signal below.
            }
        }

        if (ProcessId > 0 && UnixProcess.IsAlive(ProcessId)
            && UnixProcess.CommandLineContains(ProcessId, _directory.DataDirectory))
        {
            UnixProcess.Signal(ProcessId, UnixProcess.SigKill);
        }

        _directory.Delete();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _directory.WriteOwner(Environment.ProcessId);
        if (_runAsPostgresUser)
        {
            await RunCheckedAsync("/bin/chown", ["-R", $"{Superuser}:", _directory.Root], "chown", cancellationToken);
        }

        await RunCheckedAsync(
            _binaries.InitDb,
            ["-D", _directory.DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-locale",
                "--no-sync", "--no-instructions"],
            "initdb",
            cancellationToken,
            asServerUser: true);
        await File.AppendAllTextAsync(
            Path.Combine(_directory.DataDirectory, "postgresql.conf"), ServerSettings(), cancellationToken);

        await StartOnFreePortAsync(cancellationToken);
        ProcessId = _directory.ReadPostmasterPid()
            ?? throw new InvalidOperationException("PostgreSQL started but wrote no postmaster.pid.");
        _watchdogPid = PostgresWatchdog.Start(Environment.ProcessId, ProcessId, _directory.Root);
        await WaitUntilAcceptingConnectionsAsync(cancellationToken);
    }

    private string ServerSettings() =>
        $"""

        # Private test server (Juicebox.Testing.PostgresServer): loopback only, no durability.
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '{_directory.Root}'
        max_connections = 300
        shared_buffers = 32MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        """;

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            var result = await RunServerProgramAsync(
                _binaries.PgCtl,
                ["start", "-D", _directory.DataDirectory, "-l", _directory.LogFile, "-w", "-t", "60",
                    "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
                cancellationToken);
            if (result.Succeeded)
            {
                return;
            }

            var log = _directory.ReadLogTail();
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || attempt == StartAttempts)
            {
                throw new InvalidOperationException(
                    $"pg_ctl start failed (exit code {result.ExitCode}) for {_directory.DataDirectory} on port {Port}.{Environment.NewLine}" +
                    $"{result.Output}{Environment.NewLine}Server log:{Environment.NewLine}{log}");
            }
        }
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on port {Port} did not accept connections within 30 s.{Environment.NewLine}" +
                    $"Server log:{Environment.NewLine}{_directory.ReadLogTail()}",
                    exception);
            }
        }
    }

    private async Task RunCheckedAsync(
        string program,
        string[] arguments,
        string step,
        CancellationToken cancellationToken,
        bool asServerUser = false)
    {
        var result = asServerUser
            ? await RunServerProgramAsync(program, arguments, cancellationToken)
            : await ProcessRunner.RunAsync(program, arguments, _commandTimeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{step} failed (exit code {result.ExitCode}) for {_directory.Root}:{Environment.NewLine}{result.Output}");
        }
    }

    /// <summary>Runs a PostgreSQL program as the server's OS user: 'postgres' under root, the current user otherwise.</summary>
    private Task<ProcessResult> RunServerProgramAsync(string program, string[] arguments, CancellationToken cancellationToken) =>
        _runAsPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", Superuser, "--", program, .. arguments], _commandTimeout, cancellationToken)
            : ProcessRunner.RunAsync(program, arguments, _commandTimeout, cancellationToken);

    private string BuildConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
        }.ConnectionString;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();
}

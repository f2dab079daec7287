using Microsoft.Extensions.Hosting;

namespace Juicebox.Grains.Hosting.Shutdown;

/// <summary>
/// Ends the process when a stop outlasts <see cref="JuiceboxHostingOptions.ShutdownTimeout"/>.
/// Orleans ignores the host's cancellation in places: a silo retries its membership status for up to
/// <c>MaxJoinAttemptTime</c> (5 min) and waits a minute on "Dead" while PostgreSQL is down, so only an
/// exit bounds the stop. Logs one line naming what the stop could not finish, then exits with
/// <see cref="ExitCode"/>.
/// </summary>
internal sealed partial class ShutdownDeadline(
    IHostApplicationLifetime lifetime,
    ShutdownProgress progress,
    IOptions<JuiceboxHostingOptions> options,
    IEnumerable<ILoggerProvider> loggerProviders,
    ILogger<ShutdownDeadline> logger) : IHostedService, IDisposable
{
    /// <summary>The exit code of a stop the deadline cut short (0 is a complete stop).</summary>
    public const int ExitCode = 3;

    private CancellationTokenRegistration _onStopping;
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _onStopping = lifetime.ApplicationStopping.Register(Arm);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _onStopping.Dispose();
        _timer?.Dispose();
    }

    private void Arm()
    {
        progress.BeginStopping();
        var exitAfter = options.Value.ForcedExitAfter;
        LogStopping(options.Value.ShutdownTimeout);
        _timer ??= new Timer(_ => Expire(), null, exitAfter, Timeout.InfiniteTimeSpan);
    }

    private void Expire()
    {
        var unfinished = progress.Unfinished();
        LogDeadlinePassed(
            options.Value.ShutdownTimeout,
            unfinished.Count == 0 ? "the host's services had not all stopped" : string.Join("; ", unfinished));
        FlushLogs();
        Environment.Exit(ExitCode);
    }

    /// <summary>
    /// The console logger writes from a queue on a thread of its own: a busy stop (a silo logging its
    /// failed database calls) leaves lines queued, and an exit would lose the one line that says why.
    /// Disposing a provider writes out what it holds.
    /// </summary>
    private void FlushLogs()
    {
        foreach (var provider in loggerProviders)
        {
            try
            {
                provider.Dispose();
            }
            catch (Exception exception) when (exception is ObjectDisposedException or InvalidOperationException)
            {
                // Already stopped by the host: nothing left to write.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready, taking no new work; the process exits within {Timeout}")]
    private partial void LogStopping(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown did not finish within {Timeout}; exiting now. Not done: {Unfinished}")]
    private partial void LogDeadlinePassed(TimeSpan timeout, string unfinished);
}

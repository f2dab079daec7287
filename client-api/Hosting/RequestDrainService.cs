using Juicebox.Grains.Hosting.Shutdown;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Registered after the Orleans client (or the embedded silo), so it stops before it: waits until the
/// requests that were in flight at the stop have finished, so none loses its connection to the
/// cluster half-way. Server-sent-event streams end themselves when the stop begins.
/// </summary>
internal sealed partial class RequestDrainService(RequestDrain drain, ShutdownProgress progress, ILogger<RequestDrainService> logger) : IHostedService
{
    private const string Step = "0-requests";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        progress.BeginStopping();
        var atStop = drain.InFlight;
        progress.Begin(Step, "requests still in flight were cut off");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (drain.InFlight > 0 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(PollInterval, CancellationToken.None);
        }

        if (drain.InFlight == 0)
        {
            progress.Finish(Step);
        }

        LogDrained(atStop, drain.InFlight, clock.Elapsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Requests drained: {AtStop} in flight at the stop, {Left} left after {Elapsed}")]
    private partial void LogDrained(int atStop, int left, TimeSpan elapsed);
}

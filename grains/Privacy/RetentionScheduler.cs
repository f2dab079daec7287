using Juicebox.GrainInterfaces.Privacy;
using Microsoft.Extensions.Hosting;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// Asks the retention grain to run every <see cref="PrivacyOptions.RetentionInterval"/>, from every
/// silo: the grain runs once per interval whichever silos are up, and no reminder table is needed.
/// </summary>
internal sealed partial class RetentionScheduler(
    IGrainFactory grains,
    IOptions<PrivacyOptions> options,
    ILogger<RetentionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IRetentionGrain>(0).RunAsync(force: false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRunFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention job failed; it is asked again at the next interval")]
    private partial void LogRunFailed(Exception exception);
}

using System.Globalization;
using Juicebox.Cli.Api;
using Spectre.Console;

namespace Juicebox.Cli.Output;

/// <summary>
/// Follows a job's progress events until it finishes: a live Spectre progress bar with the rate and
/// the estimated completion on a terminal, one plain line per event on stderr otherwise.
/// </summary>
public sealed class JobProgressView(JuiceboxApi api, Terminal terminal)
{
    private const int MaxReconnects = 5;
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    public async Task<JobProgress> FollowAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (terminal.IsPlain)
        {
            return await FollowPlainAsync(jobId, cancellationToken);
        }

        JobProgress? last = null;
        await terminal.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"job {Short(jobId)}", maxValue: 1);
                var rate = new RateEstimate();
                await foreach (var progress in EventsAsync(jobId, cancellationToken))
                {
                    last = progress;
                    rate.Observe(progress);
                    task.MaxValue = Math.Max(progress.Total, 1);
                    task.Value = progress.Total == 0 ? 1 : progress.Settled;
                    task.Description = Markup.Escape(Describe(progress, rate));
                    context.Refresh();
                }
            });
        return last ?? throw new ApiException(null, null, "The progress stream ended before it sent anything.");
    }

    private async Task<JobProgress> FollowPlainAsync(Guid jobId, CancellationToken cancellationToken)
    {
        JobProgress? last = null;
        var rate = new RateEstimate();
        await foreach (var progress in EventsAsync(jobId, cancellationToken))
        {
            last = progress;
            rate.Observe(progress);
            Terminal.Note($"{progress.Percent.ToString("0.0", CultureInfo.InvariantCulture)}%\t{Describe(progress, rate)}");
        }

        return last ?? throw new ApiException(null, null, "The progress stream ended before it sent anything.");
    }

    /// <summary>The job's events; when the stream breaks off before the job finished, it is opened again.</summary>
    private async IAsyncEnumerable<JobProgress> EventsAsync(Guid jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            JobProgress? last = null;
            var events = api.FollowJobAsync(jobId, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            break;
                        }
                    }
                    catch (ApiException broken) when (broken.Status is null or System.Net.HttpStatusCode.ServiceUnavailable && ++failures <= MaxReconnects)
                    {
                        break;
                    }

                    failures = 0;
                    last = events.Current;
                    yield return last;
                }
            }
            finally
            {
                await events.DisposeAsync();
            }

            if (last?.IsFinished == true)
            {
                yield break;
            }

            await Task.Delay(ReconnectDelay, cancellationToken);
        }
    }

    private static string Describe(JobProgress progress, RateEstimate rate)
    {
        var parts = new List<string>
        {
            $"{progress.Settled:N0}/{progress.Total:N0}",
            $"done {progress.Done:N0}",
            $"failed {progress.Failed:N0}",
            $"skipped {progress.Skipped:N0}",
            $"pending {progress.Pending:N0}",
        };
        if (progress.IsFinished)
        {
            parts.Add("finished");
            return string.Join("  ", parts);
        }

        if (rate.PerSecond is { } perSecond)
        {
            parts.Add($"{perSecond:0.0}/s");
        }

        var eta = progress.EstimatedCompletion ?? rate.Eta(progress);
        if (eta is { } at)
        {
            var left = at - DateTimeOffset.UtcNow;
            parts.Add($"ETA {(left <= TimeSpan.Zero ? "now" : left.TotalMinutes >= 1 ? $"{left.TotalMinutes:0} min" : $"{left.TotalSeconds:0} s")}");
        }

        if (progress.WaitingReason is { } reason)
        {
            parts.Add($"waiting: {reason}");
        }

        return string.Join("  ", parts);
    }

    private static string Short(Guid jobId) => jobId.ToString()[..8];

    /// <summary>Profiles settled per second, over the events seen so far.</summary>
    private sealed class RateEstimate
    {
        private (int Settled, DateTimeOffset At)? _first;

        public double? PerSecond { get; private set; }

        public void Observe(JobProgress progress)
        {
            var now = DateTimeOffset.UtcNow;
            if (_first is not { } first)
            {
                _first = (progress.Settled, now);
                return;
            }

            var seconds = (now - first.At).TotalSeconds;
            if (seconds > 0.5 && progress.Settled > first.Settled)
            {
                PerSecond = (progress.Settled - first.Settled) / seconds;
            }
        }

        public DateTimeOffset? Eta(JobProgress progress) =>
            PerSecond is > 0 and var perSecond ? DateTimeOffset.UtcNow.AddSeconds((progress.Total - progress.Settled) / perSecond) : null;
    }
}

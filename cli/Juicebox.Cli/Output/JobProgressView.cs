using System.Globalization;
using Juicebox.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

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
        var detail = new DetailColumn();
        await terminal.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            // The percentage before the bar and the details last: on a narrow terminal the details give way first.
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new PercentageColumn(), new ProgressBarColumn { Width = 30 }, detail)
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
                    task.Description = $"{progress.Settled:N0}/{progress.Total:N0}";
                    detail.Text = Describe(progress, rate, withCounts: false);
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
            Terminal.Note($"{progress.Percent.ToString("0.0", CultureInfo.InvariantCulture)}%\t{progress.Settled:N0}/{progress.Total:N0}  {Describe(progress, rate, withCounts: true)}");
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

    private static string Describe(JobProgress progress, RateEstimate rate, bool withCounts)
    {
        var parts = new List<string>();
        if (withCounts || progress.IsFinished)
        {
            parts.Add($"done {progress.Done:N0}");
            parts.Add($"failed {progress.Failed:N0}");
            parts.Add($"skipped {progress.Skipped:N0}");
            parts.Add($"pending {progress.Pending:N0}");
        }
        else if (progress.Failed > 0)
        {
            parts.Add($"failed {progress.Failed:N0}");
        }
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

    /// <summary>The rate, the estimated end and why work waits, as <see cref="FollowAsync"/> last set them.</summary>
    private sealed class DetailColumn : ProgressColumn
    {
        public volatile string Text = string.Empty;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Text, new Style(Color.Grey));
    }

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

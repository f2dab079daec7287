using System.CommandLine;
using Juicebox.Cli.Api;
using Juicebox.Cli.Output;
using Spectre.Console;

namespace Juicebox.Cli.Commands;

/// <summary><c>juicebox job &lt;jobId&gt; [--follow] [--out results.csv]</c></summary>
public static class JobCommand
{
    public static Command Create(Connection connection, Terminal terminal)
    {
        var jobId = new Argument<Guid>("jobId") { Description = "The job id that 'enrich' printed" };
        var follow = new Option<bool>("--follow") { Description = "Follow the progress live until the job is done" };
        var output = new Option<string?>("--out") { Description = "Write the results (.csv, or .ndjson): what has settled, or everything with --follow" };
        var command = new Command("job", "Show an enrichment job's progress; follow it; write its results") { jobId, follow, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var id = parse.GetValue(jobId);
            var outPath = parse.GetValue(output);
            if (parse.GetValue(follow))
            {
                return await FollowAndWriteAsync(api, terminal, id, outPath, cancellationToken);
            }

            var progress = (await api.GetJobAsync(id, cancellationToken)).Value;
            Show(terminal, progress);
            if (outPath is not null)
            {
                await WriteResultsAsync(api, id, outPath, cancellationToken);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Follows the job to its end and writes its results. Ctrl-C stops following only: the job goes on
    /// on the server, and the message says how to pick it up again.
    /// </summary>
    public static async Task<int> FollowAndWriteAsync(JuiceboxApi api, Terminal terminal, Guid jobId, string? outPath, CancellationToken cancellationToken)
    {
        JobProgress final;
        try
        {
            final = await new JobProgressView(api, terminal).FollowAsync(jobId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Note(string.Empty);
            Terminal.Note($"Stopped following. Job {jobId} keeps running on the server; resume with:");
            Terminal.Note($"  juicebox job {jobId} --follow --out {outPath ?? $"enrichment-{jobId}.csv"}");
            return ExitCodes.Interrupted;
        }

        Show(terminal, final);
        if (outPath is not null)
        {
            await WriteResultsAsync(api, jobId, outPath, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteResultsAsync(JuiceboxApi api, Guid jobId, string outPath, CancellationToken cancellationToken)
    {
        var rows = await ResultsDownload.WriteAsync(api, jobId, outPath, cancellationToken);
        Terminal.Note($"Wrote {rows:N0} results to {outPath}.");
    }

    private static void Show(Terminal terminal, JobProgress progress)
    {
        (string Name, object? Value)[] rows =
        [
            ("job", progress.JobId),
            ("state", progress.IsFinished ? "finished" : progress.Running > 0 ? "running" : "queued"),
            ("total", progress.Total),
            ("done", progress.Done),
            ("failed", progress.Failed),
            ("skipped", progress.Skipped),
            ("pending", progress.Pending),
            ("rejected", progress.Rejected),
            ("percent", Math.Round(progress.Percent, 1)),
            ("created", progress.CreatedAt),
            ("finished", progress.FinishedAt),
            ("estimatedCompletion", progress.EstimatedCompletion),
            ("waitingReason", progress.WaitingReason),
        ];
        if (terminal.IsPlain)
        {
            foreach (var (name, value) in rows)
            {
                Terminal.WriteRow(name, value);
            }

            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in rows.Where(row => row.Value is not null))
        {
            grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value is int count ? count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : Terminal.Format(value)));
        }

        terminal.Console.Write(new Panel(grid).Header("Enrichment job").Border(BoxBorder.Rounded));
    }
}

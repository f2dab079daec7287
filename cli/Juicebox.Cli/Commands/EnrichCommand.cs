using System.CommandLine;
using Juicebox.Cli.Input;
using Juicebox.Cli.Output;

namespace Juicebox.Cli.Commands;

/// <summary><c>juicebox enrich --file ids.csv [--column id] [--out results.csv]</c></summary>
public static class EnrichCommand
{
    public static Command Create(Connection connection, Terminal terminal)
    {
        var file = new Option<FileInfo>("--file") { Description = $"The profile ids: one per line, or a CSV with an id column (at most {IdFile.MaxIds:N0})", Required = true };
        var column = new Option<string>("--column") { Description = "The CSV column that holds the ids", DefaultValueFactory = _ => "id" };
        var output = new Option<string?>("--out") { Description = "Where to write the results when the job is done (.csv, or .ndjson); default enrichment-<jobId>.csv" };
        var command = new Command("enrich", "Enrich a list of profiles: submit, follow the progress, write the results") { file, column, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var ids = ReadIds(parse.GetValue(file)!, parse.GetValue(column)!);
            using var api = connection.Open(parse);
            var job = (await api.SubmitJobAsync(ids, cancellationToken)).Value;
            var outPath = parse.GetValue(output) ?? $"enrichment-{job.JobId}.csv";
            Terminal.Note($"Job {job.JobId}: {job.Accepted:N0} profiles accepted, {job.Rejected.Count:N0} ids rejected.");
            foreach (var rejected in job.Rejected.Take(5))
            {
                Terminal.Note($"  rejected {rejected.Id}: {rejected.Reason}");
            }

            return await JobCommand.FollowAndWriteAsync(api, terminal, job.JobId, outPath, cancellationToken);
        }));
        return command;
    }

    private static IReadOnlyList<string> ReadIds(FileInfo file, string column)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = IdFile.Read(file.FullName, column);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"Cannot read ids from {file.Name}: {exception.Message}");
        }

        return ids.Count switch
        {
            0 => throw new UsageException($"{file.Name} holds no profile ids."),
            > IdFile.MaxIds => throw new UsageException($"A job takes at most {IdFile.MaxIds:N0} profile ids; {file.Name} holds {ids.Count:N0}. Split it into several files."),
            _ => ids,
        };
    }
}

using System.Text;
using System.Text.Json;
using Juicebox.Cli.Api;

namespace Juicebox.Cli.Output;

/// <summary>
/// Writes a job's results export to a file as it arrives. When the connection breaks off, the download
/// resumes after the last complete row (<c>after=</c>), so a long export survives a restart of client-api.
/// </summary>
public static class ResultsDownload
{
    private const int MaxResumes = 5;

    /// <summary>CSV unless the file name ends in .ndjson or .jsonl.</summary>
    public static string FormatOf(string path) =>
        path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? "ndjson" : "csv";

    /// <summary>Writes the export to <paramref name="path"/>; returns the number of rows (profiles) written.</summary>
    public static async Task<int> WriteAsync(JuiceboxApi api, Guid jobId, string path, CancellationToken cancellationToken)
    {
        var format = FormatOf(path);
        var rows = 0;
        string? after = null;
        var headerWritten = false;
        var resumes = 0;
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = format == "csv" ? "\r\n" : "\n" };
        while (true)
        {
            try
            {
                using var response = await api.OpenResultsAsync(jobId, format, after, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(body, Encoding.UTF8);
                var first = true;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (first && format == "csv")
                    {
                        first = false;
                        if (!headerWritten)
                        {
                            await file.WriteLineAsync(line);
                            headerWritten = true;
                        }

                        continue;
                    }

                    if (line.Length == 0)
                    {
                        continue;
                    }

                    await file.WriteLineAsync(line);
                    after = ProfileIdOf(line, format);
                    rows++;
                }

                return rows;
            }
            catch (Exception exception) when ((exception is IOException or HttpRequestException
                || exception is ApiException { Status: null or System.Net.HttpStatusCode.ServiceUnavailable }) && ++resumes <= MaxResumes)
            {
                Terminal.Note($"The download broke off after {rows:N0} rows; resuming after {after ?? "the start"}.");
                await file.FlushAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    // Profile ids are letters, digits, '_', '-' and '.', so a CSV row's first field is never quoted.
    private static string ProfileIdOf(string line, string format) => format == "csv"
        ? line[..line.IndexOf(',', StringComparison.Ordinal)]
        : JsonDocument.Parse(line).RootElement.GetProperty("profileId").GetString()!;
}

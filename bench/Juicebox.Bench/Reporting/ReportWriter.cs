using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Juicebox.Bench.Reporting;

/// <summary>Shows a <see cref="BenchReport"/> on the console and writes it as JSON and as markdown.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly string[] _columns = ["Figure", "Measure", "Measured", "Ceiling (same run)", "Ratio", "Goal", "Verdict"];

    public static void Show(BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Orleans.Juicebox benchmark ({report.Mode})");
        foreach (var column in _columns)
        {
            table.AddColumn(column);
        }

        foreach (var row in report.Rows)
        {
            table.AddRow(Cells(row).Select(cell => new Markup(Markup.Escape(cell))).ToArray());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Machine: {report.Machine}. Took {report.DurationSeconds:0} s: {TimingLine(report)}.");
        foreach (var error in report.Errors)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Not measured:[/] {error}");
        }
    }

    /// <summary>Writes <c>{mode}.json</c> and <c>{mode}.md</c> into <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, report.Mode + ".json");
        var markdown = Path.Combine(directory, report.Mode + ".md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, JsonOptions), cancellationToken);
        await File.WriteAllTextAsync(markdown, ToMarkdown(report), cancellationToken);
        return [json, markdown];
    }

    public static string ToMarkdown(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"Benchmark ({report.Mode}), {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.DurationSeconds:0} s on {report.Machine}.");
        text.AppendLine();
        text.AppendLine($"Time per group: {TimingLine(report)}.");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", _columns) + " |");
        text.AppendLine("|" + string.Concat(_columns.Select(_ => "---|")));
        foreach (var row in report.Rows)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(row).Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        foreach (var error in report.Errors)
        {
            text.AppendLine();
            text.AppendLine($"Not measured: {error}");
        }

        return text.ToString();
    }

    private static string TimingLine(BenchReport report) =>
        string.Join(", ", report.Timings.Select(timing => string.Create(CultureInfo.InvariantCulture, $"{timing.Group} {timing.Seconds:0} s")));

    private static string[] Cells(FigureRow row) => [row.Figure, row.Measure, row.Measured, row.Ceiling, row.Ratio, row.Goal, row.Verdict];
}

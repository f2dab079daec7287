using Juicebox.Bench;
using Juicebox.Bench.Reporting;
using Juicebox.Testing;
using Spectre.Console;

// dotnet bench/Juicebox.Bench/bin/Release/net10.0/Juicebox.Bench.dll [--quick] [--output <directory>]
var quick = args.Contains("--quick");
var outputIndex = Array.IndexOf(args, "--output");
if (args.Except(["--quick", "--output"]).Count() > (outputIndex >= 0 ? 1 : 0) || (outputIndex >= 0 && outputIndex == args.Length - 1))
{
    Console.Error.WriteLine("Usage: Juicebox.Bench [--quick] [--output <directory>]");
    return 2;
}

if (Console.IsOutputRedirected)
{
    // A log or a pipe has no width of its own; the table needs room for its seven columns.
    AnsiConsole.Profile.Width = 200;
}

var output = outputIndex >= 0 ? Path.GetFullPath(args[outputIndex + 1]) : Path.Combine(RepositoryLayout.Root, "bench", "results");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    cancellation.Cancel();
};

var report = await BenchRun.RunAsync(quick ? BenchSettings.Quick : BenchSettings.Full, cancellation.Token);
ReportWriter.Show(report);
foreach (var path in await ReportWriter.WriteAsync(report, output, cancellation.Token))
{
    AnsiConsole.MarkupLineInterpolated($"Wrote [blue]{path}[/]");
}

return report.Errors.Count == 0 ? 0 : 1;

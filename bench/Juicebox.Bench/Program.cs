using Juicebox.Bench;
using Juicebox.Bench.Reporting;
using Juicebox.Testing;
using Spectre.Console;

// dotnet bench/Juicebox.Bench/bin/Release/net10.0/Juicebox.Bench.dll [--quick] [--output <directory>] [--only embedded,cluster,drain,memory,peer,scale] [--cold-reads N] [--cold-warmup-reads N]
var quick = false;
int? coldReads = null;
int? coldWarmupReads = null;
string? output = null;
IReadOnlySet<string>? groups = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--output" when i + 1 < args.Length:
            output = Path.GetFullPath(args[++i]);
            break;
        case "--only" when i + 1 < args.Length && args[i + 1].Split(',').All(BenchRun.Groups.Contains):
            groups = args[++i].Split(',').ToHashSet();
            break;
        case "--cold-reads" when i + 1 < args.Length && int.TryParse(args[i + 1], out var count) && count > 0:
            coldReads = count;
            i++;
            break;
        case "--cold-warmup-reads" when i + 1 < args.Length && int.TryParse(args[i + 1], out var warming) && warming >= 0:
            coldWarmupReads = warming;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Usage: Juicebox.Bench [--quick] [--output <directory>] [--only {string.Join(',', BenchRun.Groups)}] [--cold-reads N] [--cold-warmup-reads N]");
            return 2;
    }
}

output ??= Path.Combine(RepositoryLayout.Root, "bench", "results");
if (Console.IsOutputRedirected)
{
    // A log or a pipe has no width of its own; the table needs room for its seven columns.
    AnsiConsole.Profile.Width = 200;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    cancellation.Cancel();
};

var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
if (coldReads is { } reads)
{
    // Figure 5's reads come out of figure 4's stored profiles, beside the warming reads.
    if (reads > settings.MemoryProfiles - settings.StorageWarmupReads)
    {
        Console.Error.WriteLine($"--cold-reads: at most {settings.MemoryProfiles - settings.StorageWarmupReads:N0} in a {settings.Mode} run (its {settings.MemoryProfiles:N0} stored profiles less {settings.StorageWarmupReads:N0} warming reads).");
        return 2;
    }

    settings = settings with { ColdReads = reads };
}

if (coldWarmupReads is { } warmupReads)
{
    // Taken from the stored profiles after the cold reads' (as many as there are), 0 for none.
    settings = settings with { ColdClientWarmupReads = warmupReads };
}

var report = await BenchRun.RunAsync(settings, groups ?? BenchRun.DefaultGroups(quick), cancellation.Token);
ReportWriter.Show(report);
foreach (var path in await ReportWriter.WriteAsync(report, output, cancellation.Token))
{
    AnsiConsole.MarkupLineInterpolated($"Wrote [blue]{path}[/]");
}

return report.Errors.Count == 0 ? 0 : 1;

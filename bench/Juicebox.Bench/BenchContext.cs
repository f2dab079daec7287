using System.Diagnostics;
using Juicebox.Bench.Hosts;
using Juicebox.Bench.Load;
using Spectre.Console;

namespace Juicebox.Bench;

/// <summary>What the scenarios of one run share: the settings, the environment, the load generator and the run's clock.</summary>
public sealed class BenchContext(BenchSettings settings, BenchEnvironment environment, LoadGeneratorRunner load)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public BenchSettings Settings { get; } = settings;

    public BenchEnvironment Environment { get; } = environment;

    public LoadGeneratorRunner Load { get; } = load;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>A progress line on the console, with the run's elapsed time.</summary>
    public void Step(string message) =>
        AnsiConsole.MarkupLineInterpolated($"[grey]{_clock.Elapsed:mm\\:ss}[/] {message}");

    /// <summary>Headers of an authorized API caller.</summary>
    public static IReadOnlyDictionary<string, string> ApiHeaders { get; } =
        new Dictionary<string, string> { ["Authorization"] = $"Bearer {BenchTopology.ApiKey}" };
}

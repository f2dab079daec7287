using System.Text.Json;
using Juicebox.LoadGenerator;
using Juicebox.Testing;

namespace Juicebox.Bench.Load;

/// <summary>
/// Runs the load generator as its own process (it shares the machine's cores with the system it
/// measures, so its CPU use is part of every figure) and reads back its result.
/// </summary>
public sealed class LoadGeneratorRunner(string workDirectory)
{
    private static readonly string _assembly = Path.Combine(AppContext.BaseDirectory, "Juicebox.LoadGenerator.dll");
    private int _runs;
    private int _signals;

    /// <summary>Writes <paramref name="ids"/> once, one per line, for plans to read.</summary>
    public string WriteIds(string name, IEnumerable<string> ids)
    {
        var path = Path.Combine(workDirectory, name + ".ids");
        File.WriteAllLines(path, ids);
        return path;
    }

    /// <summary>A fresh path in the run's directory for a plan's signal file (nothing there yet).</summary>
    public string SignalPath(string name)
    {
        var path = Path.Combine(workDirectory, $"{name}-{Interlocked.Increment(ref _signals)}.signal");
        File.Delete(path);
        return path;
    }

    public async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _runs);
        var planPath = Path.Combine(workDirectory, $"plan-{number}.json");
        var resultPath = Path.Combine(workDirectory, $"result-{number}.json");
        await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(plan, LoadPlanJson.Options), cancellationToken);

        // The plan bounds the run; only a cancellation ends it early.
        var generator = await ProcessRunner.RunAsync(
            "dotnet", [_assembly, "--plan", planPath, "--result", resultPath], Timeout.InfiniteTimeSpan, cancellationToken);
        if (!generator.Succeeded)
        {
            throw new InvalidOperationException($"The load generator exited with {generator.ExitCode}:{Environment.NewLine}{generator.Output}");
        }

        await using var result = File.OpenRead(resultPath);
        return await JsonSerializer.DeserializeAsync<LoadResult>(result, LoadPlanJson.Options, cancellationToken)
            ?? throw new InvalidOperationException($"The load generator wrote no result to {resultPath}.");
    }
}

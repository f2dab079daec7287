using System.Diagnostics;
using System.Text.Json;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Load;

/// <summary>
/// Runs the load generator as its own process (it shares the machine's cores with the system it
/// measures, so its CPU use is part of every figure) and reads back its result.
/// </summary>
public sealed class LoadGeneratorRunner(string workDirectory)
{
    private static readonly string _assembly = Path.Combine(AppContext.BaseDirectory, "Juicebox.LoadGenerator.dll");
    private int _runs;

    /// <summary>Writes <paramref name="ids"/> once, one per line, for plans to read.</summary>
    public string WriteIds(string name, IEnumerable<string> ids)
    {
        var path = Path.Combine(workDirectory, name + ".ids");
        File.WriteAllLines(path, ids);
        return path;
    }

    public async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        var planPath = Path.Combine(workDirectory, $"plan-{run}.json");
        var resultPath = Path.Combine(workDirectory, $"result-{run}.json");
        await File.WriteAllTextAsync(planPath, JsonSerializer.Serialize(plan, LoadPlanJson.Options), cancellationToken);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { _assembly, "--plan", planPath, "--result", resultPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the load generator.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The load generator exited with {process.ExitCode}:{Environment.NewLine}{await output}{await errors}");
        }

        await using var result = File.OpenRead(resultPath);
        return await JsonSerializer.DeserializeAsync<LoadResult>(result, LoadPlanJson.Options, cancellationToken)
            ?? throw new InvalidOperationException($"The load generator wrote no result to {resultPath}.");
    }
}

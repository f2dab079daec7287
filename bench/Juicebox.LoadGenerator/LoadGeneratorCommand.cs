using System.Globalization;

namespace Juicebox.LoadGenerator;

/// <summary>The command line: <c>--plan &lt;file&gt; [--result &lt;file&gt;]</c>.</summary>
public static class LoadGeneratorCommand
{
    /// <summary>The run completed, whether or not requests failed.</summary>
    public const int Completed = 0;

    /// <summary>Bad arguments or an invalid plan; the reason is on standard error.</summary>
    public const int InvalidInput = 2;

    private const string Usage = "usage: Juicebox.LoadGenerator --plan <plan.json> [--result <result.json>]";

    /// <summary>
    /// Runs the plan file named by the arguments; writes the result JSON to the result file, or to
    /// <paramref name="output"/> without one, and a one-line summary to <paramref name="error"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? planPath = null;
        string? resultPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--plan" when i + 1 < args.Length:
                    planPath = args[++i];
                    break;
                case "--result" when i + 1 < args.Length:
                    resultPath = args[++i];
                    break;
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return Completed;
                default:
                    await error.WriteLineAsync($"Unexpected argument '{args[i]}'.{Environment.NewLine}{Usage}");
                    return InvalidInput;
            }
        }

        if (planPath is null)
        {
            await error.WriteLineAsync($"--plan is required.{Environment.NewLine}{Usage}");
            return InvalidInput;
        }

        LoadResult result;
        try
        {
            var plan = LoadPlanJson.ReadPlan(planPath);
            if (plan.InlineSocketCompletions)
            {
                SocketCompletions.RunInline();
            }

            result = await LoadRunner.RunAsync(plan, cancellationToken);
        }
        catch (LoadPlanException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return InvalidInput;
        }

        if (resultPath is null)
        {
            await output.WriteLineAsync(LoadPlanJson.Serialize(result));
        }
        else
        {
            LoadPlanJson.Write(resultPath, result);
        }

        await error.WriteLineAsync(Summarize(result));
        return Completed;
    }

    /// <summary>One line for people: throughput, latency, failures and the generator's own CPU.</summary>
    public static string Summarize(LoadResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Requests} requests in {result.ElapsedSeconds:0.00} s = {result.RequestsPerSecond:0.0} rps; " +
        $"p50 {result.LatencyMs.P50:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, max {result.LatencyMs.Max:0.00} ms; " +
        $"{result.Failed} failed{(result.FirstError is null ? string.Empty : $" (first: {result.FirstError})")}; " +
        $"generator cpu {result.CpuCores:0.00} cores");
}

namespace Juicebox.LoadGenerator;

/// <summary>Runs a <see cref="LoadPlan"/> in this process.</summary>
public static class LoadRunner
{
    /// <summary>
    /// Validates the plan, builds every target address, runs the workers to the plan's end and merges what
    /// they recorded. Failed requests are counted, never fatal; cancelling <paramref name="cancellationToken"/>
    /// abandons the run.
    /// </summary>
    /// <exception cref="LoadPlanException">The plan is invalid or its ids file cannot be read.</exception>
    public static async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = plan.Validate();
        if (problems.Count > 0)
        {
            throw new LoadPlanException("The plan is not valid: " + string.Join(" ", problems));
        }

        using var run = new LoadRun(plan, LoadTargets.Create(plan));
        return await run.ExecuteAsync(cancellationToken);
    }
}

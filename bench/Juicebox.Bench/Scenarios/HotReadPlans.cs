using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>The two loads of every hot-read figure (1, 6 and 7): reading each profile once to warm it, then reading them at random.</summary>
public static class HotReadPlans
{
    /// <summary>Every id of <paramref name="idsFile"/> read once, in order.</summary>
    public static LoadPlan Warm(string baseAddress, string idsFile, BenchSettings settings) => new()
    {
        BaseAddress = baseAddress,
        PathTemplate = HotReadsScenario.ProfilePath,
        IdsFile = idsFile,
        Headers = BenchContext.ApiHeaders,
        Connections = settings.Connections,
        Order = LoadOrder.Sequential,
    };

    /// <summary>The ids read at random for the settings' warm-up and duration, counting <c>X-Cache</c>.</summary>
    public static LoadPlan Hot(string baseAddress, string idsFile, BenchSettings settings) => Warm(baseAddress, idsFile, settings) with
    {
        Order = LoadOrder.Uniform,
        WarmupSeconds = settings.HotWarmup.TotalSeconds,
        DurationSeconds = settings.HotDuration.TotalSeconds,
        CountHeaders = ["X-Cache"],
    };
}

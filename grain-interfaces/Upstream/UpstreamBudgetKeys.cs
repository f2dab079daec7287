namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>The key of the cluster's one upstream budget, and the way to reach it.</summary>
public static class UpstreamBudgetKeys
{
    /// <summary>The key of the budget every silo's upstream calls go through.</summary>
    public const long Cluster = 0;

    /// <summary>The cluster's upstream budget.</summary>
    public static IUpstreamBudgetGrain GetUpstreamBudgetGrain(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IUpstreamBudgetGrain>(Cluster);
    }
}

namespace Juicebox.Sandbox.Accounts;

/// <summary>A plan's limits; a null monthly figure means unlimited.</summary>
public sealed record PlanLimits(int RequestsPerMinute, int RequestsPerDay, int? SearchesPerMonth, int? EnrichmentsPerMonth)
{
    public static PlanLimits? ForPlan(string plan)
    {
        return plan.ToLowerInvariant() switch
        {
            "free" => new PlanLimits(10, 100, 500, 100),
            "pro" => new PlanLimits(60, 5_000, 10_000, 2_000),
            "business" => new PlanLimits(300, 50_000, 50_000, 10_000),
            "enterprise" => new PlanLimits(300, 50_000, null, null),
            _ => null,
        };
    }
}

namespace Juicebox.Client.Models;

/// <summary>The answer of <c>GET /health</c>.</summary>
public sealed record HealthStatus
{
    public required string Status { get; init; }
}

/// <summary>The answer of <c>GET /auth/me</c>.</summary>
public sealed record AccountInfo
{
    public required string AccountId { get; init; }
    public required string Plan { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public required PlanLimits Limits { get; init; }
}

/// <summary>A plan's limits; a null monthly figure means unlimited.</summary>
public sealed record PlanLimits
{
    public int RequestsPerMinute { get; init; }
    public int RequestsPerDay { get; init; }
    public int? SearchesPerMonth { get; init; }
    public int? EnrichmentsPerMonth { get; init; }
}

/// <summary>The answer of <c>GET /usage</c>.</summary>
public sealed record UsageInfo
{
    public DateTimeOffset PeriodStart { get; init; }
    public DateTimeOffset PeriodEnd { get; init; }
    public int RequestsToday { get; init; }
    public int Searches { get; init; }
    public int Enrichments { get; init; }
    public required PlanLimits Limits { get; init; }
}

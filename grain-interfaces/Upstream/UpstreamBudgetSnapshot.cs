namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>The state of the cluster's upstream budget, for operators.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamBudgetSnapshot")]
public sealed record class UpstreamBudgetSnapshot
{
    /// <summary>When the snapshot was taken, on the budget's clock.</summary>
    [Id(0)] public DateTimeOffset AsOf { get; init; }

    /// <summary>The key's plan as <c>GET /auth/me</c> reported it; null until known.</summary>
    [Id(1)] public string? Plan { get; init; }

    /// <summary>The per-minute request limit the pace is computed from.</summary>
    [Id(2)] public int RequestsPerMinute { get; init; }

    [Id(3)] public UpstreamLimitSource RequestsPerMinuteSource { get; init; }

    /// <summary>The per-day request limit (UTC days); null when none is known.</summary>
    [Id(4)] public int? RequestsPerDay { get; init; }

    [Id(5)] public UpstreamLimitSource RequestsPerDaySource { get; init; }

    /// <summary>The time between two calls: a minute over the per-minute limit, plus the safety margin.</summary>
    [Id(6)] public TimeSpan PaceInterval { get; init; }

    /// <summary>Calls granted a slot in the current UTC minute.</summary>
    [Id(7)] public int GrantedThisMinute { get; init; }

    /// <summary>Requests spent in the current UTC day, as far as the budget knows (from <c>GET /usage</c> plus its grants).</summary>
    [Id(8)] public int GrantedToday { get; init; }

    /// <summary>Enrichments spent in the current period (reserved ones included).</summary>
    [Id(9)] public int EnrichmentsUsed { get; init; }

    /// <summary>The monthly enrichment quota; null when unlimited or unknown (see the source).</summary>
    [Id(10)] public int? EnrichmentsPerMonth { get; init; }

    [Id(11)] public UpstreamLimitSource EnrichmentsPerMonthSource { get; init; }

    /// <summary>When the current enrichment period ends.</summary>
    [Id(12)] public DateTimeOffset EnrichmentPeriodEnd { get; init; }

    /// <summary>The earliest slot the next call could be given.</summary>
    [Id(13)] public DateTimeOffset NextFreeSlot { get; init; }

    /// <summary>Until when work is held back; null when nothing is waiting.</summary>
    [Id(14)] public DateTimeOffset? BlockedUntil { get; init; }

    /// <summary>Why work is held back; null when nothing is waiting.</summary>
    [Id(15)] public string? BlockedReason { get; init; }

    /// <summary>True when what holds work back is a spent daily or monthly quota.</summary>
    [Id(16)] public bool QuotaExhausted { get; init; }

    /// <summary>429 <c>RATE_LIMITED</c> answers observed since the budget started.</summary>
    [Id(17)] public long RateLimitedResponses { get; init; }

    /// <summary>429 <c>QUOTA_EXCEEDED</c> answers observed since the budget started.</summary>
    [Id(18)] public long QuotaExceededResponses { get; init; }

    /// <summary>When <c>GET /usage</c> last answered; null when it never did since the budget started.</summary>
    [Id(19)] public DateTimeOffset? UsageLearnedAt { get; init; }

    /// <summary>The last <c>quota.warning</c> webhook from the upstream; null when none arrived since the budget started.</summary>
    [Id(20)] public UpstreamQuotaWarning? LastQuotaWarning { get; init; }

    /// <summary>When a <c>key.rotated</c> webhook last said the upstream key was rotated; null when none arrived since the budget started.</summary>
    [Id(21)] public DateTimeOffset? KeyRotatedAt { get; init; }

    /// <summary>The silos whose upstream circuit breaker is open (or half-open): their cold reads fail fast.</summary>
    [Id(22)] public IReadOnlyList<UpstreamCircuitReport> OpenCircuits { get; init; } = [];
}

/// <summary>What a <c>quota.warning</c> webhook said: the quota's use and limit, and when it arrived.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamQuotaWarning")]
public sealed record class UpstreamQuotaWarning
{
    [Id(0)] public long Usage { get; init; }

    [Id(1)] public long Limit { get; init; }

    [Id(2)] public DateTimeOffset ReceivedAt { get; init; }
}

namespace Juicebox.Sandbox.Accounts;

/// <summary>What a key has spent in its current day and month.</summary>
internal sealed record UsageSnapshot(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, int RequestsToday, int Searches, int Enrichments);

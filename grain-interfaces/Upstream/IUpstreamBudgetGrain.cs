using Orleans.Concurrency;

namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>
/// The one owner of the upstream API key's budget: it paces every upstream call of the cluster one
/// slot at a time to the per-minute limit, and keeps the daily request limit and the monthly
/// enrichment quota. One instance, key <see cref="UpstreamBudgetKeys.Cluster"/>.
/// </summary>
[Alias("Juicebox.IUpstreamBudgetGrain")]
public interface IUpstreamBudgetGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Reserves a slot for one call, or says when to ask again. Never waits: a granted caller waits
    /// <see cref="UpstreamPermit.Delay"/> itself.
    /// </summary>
    [Alias("AcquireAsync")]
    Task<UpstreamPermit> AcquireAsync(UpstreamPermitRequest request);

    /// <summary>Tells the budget what an upstream answer said (headers, 429s), so it learns limits and backs off.</summary>
    [OneWay]
    [Alias("ReportAsync")]
    Task ReportAsync(UpstreamObservation observation);

    /// <summary>
    /// A <c>quota.warning</c> webhook: the monthly enrichment quota is nearly spent. The budget counts at
    /// least <paramref name="usage"/> spent, takes <paramref name="limit"/> as the quota when it knows
    /// none, and shows the warning. Counting can only go up: the warning never makes room.
    /// </summary>
    [Alias("ObserveQuotaWarningAsync")]
    Task ObserveQuotaWarningAsync(long usage, long limit);

    /// <summary>A <c>key.rotated</c> webhook: logged and shown in the snapshot.</summary>
    [Alias("ObserveKeyRotatedAsync")]
    Task ObserveKeyRotatedAsync(DateTimeOffset rotatedAt);

    /// <summary>Tells the budget that a silo's circuit breaker opened or closed, for the operator's view.</summary>
    [OneWay]
    [Alias("ReportCircuitAsync")]
    Task ReportCircuitAsync(UpstreamCircuitReport report);

    [Alias("GetSnapshotAsync")]
    Task<UpstreamBudgetSnapshot> GetSnapshotAsync();
}

using Juicebox.GrainInterfaces.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Juicebox.Grains.LocalQueries;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// The retention job. One activation (key 0) runs it at a time; every silo's
/// <see cref="RetentionScheduler"/> asks it to run each <see cref="PrivacyOptions.RetentionInterval"/>,
/// and it skips the request when the last run is more recent than that, so the job runs about once
/// an interval whichever silos are up. The <c>profiles</c> table says which profiles to look at; each
/// profile grain decides for itself (it knows reads the table has not seen yet).
/// </summary>
public sealed partial class RetentionGrain(
    IProfileIndex index,
    ISuppressionStore suppressions,
    IAuditStore audit,
    IOptions<PrivacyOptions> options,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain
{
    private const int PageSize = 500;
    private const int AuditDeletePageSize = 10_000;
    private DateTimeOffset? _lastRun;

    public async Task<RetentionRun> RunAsync(bool force)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (!force && _lastRun is { } last && now - last < settings.RetentionInterval)
        {
            return new RetentionRun { Ran = false, At = last };
        }

        var deleted = await ForEachAsync(
            after => index.FindUnusedAsync(now - settings.ProfileRetention, after, PageSize),
            id => GrainFactory.GetProfileGrain(id).ExpireAsync(now - settings.ProfileRetention));
        var stripped = await ForEachAsync(
            after => index.FindEnrichedBeforeAsync(now - settings.ContactRetention, after, PageSize),
            id => GrainFactory.GetProfileGrain(id).StripContactAsync(now - settings.ContactRetention));
        await suppressions.DeleteExpiredAsync(now);
        var auditDeleted = await DeleteOldAuditRowsAsync(now - settings.AuditRetention);

        List<AuditEntry> rows = [];
        if (deleted > 0)
        {
            rows.Add(Row(AuditActions.RetentionProfilesDeleted, deleted, now));
        }

        if (stripped > 0)
        {
            rows.Add(Row(AuditActions.RetentionContactsStripped, stripped, now));
        }

        if (auditDeleted > 0)
        {
            rows.Add(Row(AuditActions.RetentionAuditDeleted, auditDeleted, now));
        }

        await audit.AppendAsync(rows);
        _lastRun = now;
        LogRan(deleted, stripped, auditDeleted);
        return new RetentionRun { Ran = true, ProfilesDeleted = deleted, ContactsStripped = stripped, AuditRowsDeleted = auditDeleted, At = now };
    }

    private async Task<int> DeleteOldAuditRowsAsync(DateTimeOffset cutoff)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await audit.DeleteBeforeAsync(cutoff, AuditDeletePageSize);
            total += deleted;
        }
        while (deleted == AuditDeletePageSize);

        return total;
    }

    /// <summary>Pages through the ids the table names and asks each grain; returns how many said yes.</summary>
    private static async Task<int> ForEachAsync(Func<string?, Task<IReadOnlyList<string>>> page, Func<string, Task<bool>> act)
    {
        var count = 0;
        string? after = null;
        while (true)
        {
            var ids = await page(after);
            if (ids.Count == 0)
            {
                return count;
            }

            var results = await Task.WhenAll(ids.Select(act));
            count += results.Count(done => done);
            after = ids[^1];
        }
    }

    private static AuditEntry Row(string action, int count, DateTimeOffset at) =>
        new() { At = at, Client = AuditActions.SystemClient, Action = action, Count = count };

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Deleted} unused profiles deleted, {Stripped} contact blocks removed, {AuditRows} old audit rows deleted")]
    private partial void LogRan(int deleted, int stripped, int auditRows);
}

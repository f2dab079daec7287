using Juicebox.GrainInterfaces.Clients;
using Juicebox.Grains.Enrichment;
using Juicebox.Grains.Enrichment.Coordination;
using Juicebox.Grains.Persistence;

namespace Juicebox.Grains.Clients;

/// <inheritdoc cref="IClientUsageGrain"/>
/// <remarks>
/// A job reserves before it is queued and is linked to its reservation after: a host that dies in
/// between leaves the reservation charged in full (the client can lose at most that one job's ids from
/// its allowance) but never queues work that was not reserved. Refunds are read from the job's
/// progress, each time the allowance is looked at, and frozen once the job has finished.
/// </remarks>
internal sealed partial class ClientUsageGrain(IClientUsageStore store, IOptions<EnrichmentOptions> options, ILogger<ClientUsageGrain> logger)
    : Grain, IClientUsageGrain
{
    private string Client => this.GetPrimaryKeyString();

    // The allowance lives in the database: while it is away a submit is refused with StorageUnavailableException
    // (client-api's 503 + Retry-After), never an error of the database's own that the wire would turn into a 500.
    public Task<ClientEnrichmentSubmission> SubmitAsync(IReadOnlyList<string> profileIds, int allowancePerMonth) =>
        StorageFailures.GuardAsync(() => SubmitWithinAllowanceAsync(profileIds, allowancePerMonth), "the job was not accepted");

    private async Task<ClientEnrichmentSubmission> SubmitWithinAllowanceAsync(IReadOnlyList<string> profileIds, int allowancePerMonth)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        ArgumentOutOfRangeException.ThrowIfNegative(allowancePerMonth);

        // Checked before the allowance trims the job, so a limited client's request is held to the same size as anyone's.
        if (profileIds.Count > options.Value.MaxJobSize)
        {
            throw new ArgumentException($"A job takes at most {options.Value.MaxJobSize} profile ids; this one has {profileIds.Count}.", nameof(profileIds));
        }
        var (month, monthEnd) = CurrentMonth();
        await SettleAsync(month);

        var (valid, _) = EnrichmentJobIds.Sort(profileIds);
        if (valid.Count == 0)
        {
            // Nothing to pay for: the coordinator answers as it does for anyone (invalid ids, no job).
            return new ClientEnrichmentSubmission(await Coordinator.SubmitAsync(profileIds, Client), 0, await store.GetChargedAsync(Client, month), monthEnd);
        }

        var reservationId = Guid.NewGuid();
        var granted = await store.ReserveAsync(Client, month, reservationId, valid.Count, allowancePerMonth, TimeProvider.System.GetUtcNow());
        var over = valid.Count - granted;
        if (granted == 0)
        {
            return new ClientEnrichmentSubmission(null, over, await store.GetChargedAsync(Client, month), monthEnd);
        }

        // Keep the caller's order, invalid and repeated ids included (the coordinator reports them), minus the ids over the allowance.
        var refused = valid.Skip(granted).ToHashSet(StringComparer.Ordinal);
        List<string> submitted = [.. profileIds.Where(id => id is null || !refused.Contains(id))];
        EnrichmentJobAccepted job;
        try
        {
            job = await Coordinator.SubmitAsync(submitted, Client);
        }
        catch
        {
            await store.ReleaseAsync(Client, month, reservationId);
            throw;
        }

        var used = await LinkAcceptedJobAsync(month, reservationId, job.JobId, granted);
        if (over > 0)
        {
            LogOverAllowance(Client, over, allowancePerMonth);
            var reason = $"Over the client's monthly enrichment allowance ({allowancePerMonth}); it starts afresh at {monthEnd:yyyy-MM-dd}T00:00Z.";
            job = job with { Rejected = [.. job.Rejected, .. valid.Skip(granted).Select(id => new RejectedProfileId(id, reason))] };
        }

        return new ClientEnrichmentSubmission(job, over, used, monthEnd);
    }

    /// <summary>
    /// Links the reservation to a job the coordinator has stored and queued, and reads the month's use.
    /// The job is accepted from here on: a database gone meanwhile must not turn it into a 503, after which
    /// the caller would submit again what already runs. Unlinked, the reservation stays charged in full
    /// (no refunds of what the job skips or fails), the bound the remarks above state; the use answered
    /// is then the least it can be, this job's reservation.
    /// </summary>
    private async Task<int> LinkAcceptedJobAsync(DateOnly month, Guid reservationId, Guid jobId, int reserved)
    {
        try
        {
            await store.AttachJobAsync(Client, month, reservationId, jobId);
            return await store.GetChargedAsync(Client, month);
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception))
        {
            LogJobNotLinked(Client, jobId, exception.GetType().Name);
            return reserved;
        }
    }

    public Task<int> GetUsedThisMonthAsync() => StorageFailures.GuardAsync(async () =>
    {
        var (month, _) = CurrentMonth();
        await SettleAsync(month);
        return await store.GetChargedAsync(Client, month);
    }, "the client's enrichment allowance could not be read");

    private IEnrichmentCoordinatorGrain Coordinator => GrainFactory.GetGrain<IEnrichmentCoordinatorGrain>(0);

    /// <summary>Charges each unsettled reservation what its job has not skipped or failed; settles it when the job has finished or is gone.</summary>
    private async Task SettleAsync(DateOnly month)
    {
        foreach (var reservation in await store.GetUnsettledAsync(Client, month))
        {
            if (reservation.JobId is not { } jobId)
            {
                continue;
            }

            var progress = await Coordinator.GetProgressAsync(jobId);
            if (progress is null)
            {
                // The job expired before it was settled: it stays charged what was last seen.
                await store.SetChargeAsync(Client, month, reservation.ReservationId, reservation.Charged, settled: true);
                continue;
            }

            var charged = reservation.Reserved - progress.Skipped - progress.Failed;
            var finished = progress.FinishedAt is not null;
            if (charged != reservation.Charged || finished)
            {
                await store.SetChargeAsync(Client, month, reservation.ReservationId, charged, finished);
            }
        }
    }

    private static (DateOnly Month, DateTimeOffset MonthEnd) CurrentMonth()
    {
        var now = TimeProvider.System.GetUtcNow();
        var month = new DateOnly(now.Year, now.Month, 1);
        return (month, new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} of client {Client} was accepted but not linked to its reservation (the database was away: {ExceptionType}); the reservation stays charged in full")]
    private partial void LogJobNotLinked(string client, Guid jobId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Client} asked for {Over} enrichments over its monthly allowance of {Allowance}")]
    private partial void LogOverAllowance(string client, int over, int allowance);
}

using Juicebox.GrainInterfaces.Privacy;
using Juicebox.GrainInterfaces.Telemetry;
using Juicebox.Grains.Enrichment.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// Erases a person: the suppression entry comes first, so that nothing running concurrently (a
/// search's warming, an enrichment worker, a read) can collect the person again once the data is
/// gone; then the profile grain, the job items, the audit rows that name the person (their pseudonym
/// instead) and the erasure's own row. Every step is idempotent, so a failed erasure is repeated from the start.
/// </summary>
[StatelessWorker]
public sealed partial class ProfileErasureGrain(
    ProfileSuppression suppression,
    IEnrichmentJobStore jobs,
    IAuditStore audit,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    ILogger<ProfileErasureGrain> logger) : Grain, IProfileErasureGrain
{
    public async Task<ProfileErasure> EraseAsync(string profileId, string client)
    {
        if (!ProfileKey.IsValidId(profileId))
        {
            throw new ArgumentException("Not a valid profile id.", nameof(profileId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        var until = await suppression.SuppressAsync(profileId);
        var held = await GrainFactory.GetProfileGrain(profileId).EraseAsync();
        var pseudonym = suppression.Pseudonym(profileId);
        var items = await jobs.EraseProfileAsync(profileId, pseudonym, clock.GetUtcNow());
        await audit.PseudonymizeAsync(profileId, pseudonym);
        await audit.AppendAsync(
        [
            new AuditEntry
            {
                At = clock.GetUtcNow(),
                Client = client,
                Action = AuditActions.ProfileErased,
                ProfileId = pseudonym,
                Count = items,
                CorrelationId = Correlation.Current,
            },
        ]);
        LogErased(pseudonym, held, items);
        return new ProfileErasure { Pseudonym = pseudonym, HeldProfile = held, EnrichmentItems = items, SuppressedUntil = until };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased profile {Pseudonym} (held a stored copy: {HeldProfile}; enrichment items: {Items}); suppressed")]
    private partial void LogErased(string pseudonym, bool heldProfile, int items);
}

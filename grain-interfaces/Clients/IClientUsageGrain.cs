using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.GrainInterfaces.Clients;

/// <summary>
/// One API client's monthly enrichment allowance, keyed by the client's name. A job reserves what it
/// takes before it is queued; the profiles it then skips (already fresh) or fails are refunded as the
/// job's progress shows them. Counted durably (PostgreSQL in Cluster mode).
/// </summary>
[Alias("Juicebox.IClientUsageGrain")]
public interface IClientUsageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues an enrichment job of <paramref name="profileIds"/> for this client, taking only as many
    /// valid ids as <paramref name="allowancePerMonth"/> leaves this month; the rest are rejected with
    /// the reason. When nothing is left, <see cref="ClientEnrichmentSubmission.Job"/> is null.
    /// </summary>
    [Alias("SubmitAsync")]
    Task<ClientEnrichmentSubmission> SubmitAsync(IReadOnlyList<string> profileIds, int allowancePerMonth);

    /// <summary>Enrichments charged this (UTC) month, refunds of the jobs' skipped and failed profiles applied.</summary>
    [Alias("GetUsedThisMonthAsync")]
    Task<int> GetUsedThisMonthAsync();
}

/// <summary>What a submission under an allowance came to.</summary>
/// <param name="Job">The queued job, its rejections including the ids over the allowance; null when no id fit.</param>
/// <param name="OverAllowance">Valid ids refused because the allowance was used up.</param>
/// <param name="Used">Charged this month after this submission (only this job's reservation when the database went away as the job was accepted).</param>
/// <param name="MonthEnd">When the allowance starts afresh.</param>
[GenerateSerializer, Immutable, Alias("Juicebox.ClientEnrichmentSubmission")]
public sealed record class ClientEnrichmentSubmission(
    [property: Id(0)] EnrichmentJobAccepted? Job,
    [property: Id(1)] int OverAllowance,
    [property: Id(2)] int Used,
    [property: Id(3)] DateTimeOffset MonthEnd);

namespace Juicebox.ClientApi.Apis;

/// <summary>The body of <c>POST /api/v1/enrichments</c>.</summary>
public sealed record EnrichmentJobRequest(IReadOnlyList<string?>? ProfileIds);

/// <summary>The answer to an accepted enrichment job (202).</summary>
public sealed record EnrichmentJobAcceptedResponse(
    Guid JobId,
    int Accepted,
    IReadOnlyList<RejectedProfileId> Rejected,
    DateTimeOffset CreatedAt,
    string StatusUrl,
    string EventsUrl);

/// <summary>The answer to an accepted enrichment of one profile (202).</summary>
public sealed record ProfileEnrichmentAcceptedResponse(Guid JobId, string ProfileId, EnrichmentItemStatus Status, string StatusUrl, string JobUrl);

/// <summary>Where the latest enrichment requested for a profile stands.</summary>
public sealed record ProfileEnrichmentStatusResponse(
    string ProfileId,
    Guid JobId,
    EnrichmentItemStatus Status,
    string? Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static ProfileEnrichmentStatusResponse From(EnrichmentItemState item) =>
        new(item.ProfileId, item.JobId, item.Status, item.Reason, item.RequestedAt, item.StartedAt, item.FinishedAt);
}

/// <summary>A page of a job's failed items; pass <see cref="NextAfter"/> as <c>after</c> for the next one.</summary>
public sealed record EnrichmentFailuresResponse(Guid JobId, IReadOnlyList<EnrichmentFailure> Items, string? NextAfter);

/// <summary>One profile a job could not enrich, and why.</summary>
public sealed record EnrichmentFailure(string ProfileId, string? Reason, DateTimeOffset? FailedAt);

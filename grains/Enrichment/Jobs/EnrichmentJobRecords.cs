namespace Juicebox.Grains.Enrichment.Jobs;

/// <summary>
/// A job about to be stored: every profile id in it is distinct and valid, and starts Queued.
/// <paramref name="Owner"/> is the API client that submitted it, when one did.
/// </summary>
public sealed record EnrichmentJobDraft(Guid JobId, DateTimeOffset CreatedAt, IReadOnlyList<string> ProfileIds, int Rejected, string? Owner = null);

/// <summary>One profile of one job.</summary>
public readonly record struct EnrichmentItemKey(Guid JobId, string ProfileId);

/// <summary>How one profile of one job ended (Done, Skipped or Failed) and when.</summary>
public sealed record EnrichmentItemOutcome(Guid JobId, string ProfileId, EnrichmentItemStatus Status, string? Reason, DateTimeOffset At);

/// <summary>A job's counts by status, and the times that let a caller estimate the rest.</summary>
public sealed record EnrichmentJobCounts
{
    public required Guid JobId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Accepted profile ids (invalid or duplicate ids are counted in <see cref="Rejected"/> instead).</summary>
    public required int Total { get; init; }

    public required int Rejected { get; init; }
    public required int Queued { get; init; }
    public required int Running { get; init; }
    public required int Done { get; init; }
    public required int Skipped { get; init; }
    public required int Failed { get; init; }

    /// <summary>When the first item of the job started or finished, whichever came first.</summary>
    public DateTimeOffset? FirstStartedAt { get; init; }

    /// <summary>When the latest item finished.</summary>
    public DateTimeOffset? LastFinishedAt { get; init; }

    /// <summary>When no item was Queued or Running any more.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The API client that submitted the job, or null.</summary>
    public string? Owner { get; init; }
}

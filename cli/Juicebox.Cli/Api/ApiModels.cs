namespace Juicebox.Cli.Api;

/// <summary>An RFC 9457 problem document as the API sends it, with the extensions the CLI reads.</summary>
public sealed record ProblemDocument(string? Title, string? Detail, int? Status, string? Code, int? Position);

public sealed record ProfileSummary(string Id, string Name, string? Title, string? Company, string? Location);

public sealed record SearchPage(string SearchId, IReadOnlyList<ProfileSummary> Profiles, int Total, string? NextCursor, DateTimeOffset CachedAt, DateTimeOffset FreshUntil);

public sealed record RejectedId(string Id, string Reason);

public sealed record JobAccepted(Guid JobId, int Accepted, IReadOnlyList<RejectedId> Rejected, DateTimeOffset CreatedAt);

public sealed record JobProgress(
    Guid JobId,
    DateTimeOffset CreatedAt,
    int Total,
    int Done,
    int Failed,
    int Skipped,
    int Pending,
    int Running,
    int Rejected,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? EstimatedCompletion,
    string? WaitingReason)
{
    public int Settled => Done + Failed + Skipped;

    public bool IsFinished => FinishedAt is not null;

    public double Percent => Total == 0 ? 100 : 100.0 * Settled / Total;
}

public sealed record ProfileEnrichmentStatus(string ProfileId, Guid JobId, string Status, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt);

/// <summary>A response whose JSON the CLI shows as it came (with <c>--json</c>) or reads fields of.</summary>
public sealed record ApiResponse<T>(T Value, string Json, IReadOnlyDictionary<string, string> Headers);

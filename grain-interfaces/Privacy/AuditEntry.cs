namespace Juicebox.GrainInterfaces.Privacy;

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    /// <summary>A profile with a contact block was returned to a caller.</summary>
    public const string ContactRead = "contact.read";

    /// <summary>A profile was erased on request.</summary>
    public const string ProfileErased = "profile.erased";

    /// <summary>An operator put enrichment dead letters back on the queue (<see cref="AuditEntry.Count"/>: how many).</summary>
    public const string DeadLettersRetried = "dead-letters.retried";

    /// <summary>A request presented a key that is not one of ours (<see cref="AuditEntry.Detail"/>: the key's short hash).</summary>
    public const string KeyRejected = "key.rejected";

    /// <summary>The retention job deleted profiles nobody read or refreshed within the retention (count).</summary>
    public const string RetentionProfilesDeleted = "retention.profiles-deleted";

    /// <summary>The retention job removed contact blocks older than their retention (count).</summary>
    public const string RetentionContactsStripped = "retention.contacts-stripped";

    /// <summary>The retention job deleted audit rows older than their retention (count).</summary>
    public const string RetentionAuditDeleted = "retention.audit-deleted";

    /// <summary>The client name recorded when no client is known (a rejected key, the cluster's own jobs).</summary>
    public const string UnknownClient = "unknown";

    /// <summary>The client name of the cluster's own jobs (retention).</summary>
    public const string SystemClient = "system";
}

/// <summary>
/// One row of the audit log: who did what to which profile (or to how many), when, on which request.
/// Never contact data, never a key.
/// </summary>
[GenerateSerializer, Immutable, Alias("Juicebox.AuditEntry")]
public sealed record class AuditEntry
{
    /// <summary>The row's position in the log (assigned when stored; 0 before).</summary>
    [Id(0)] public long Id { get; init; }

    [Id(1)] public required DateTimeOffset At { get; init; }

    /// <summary>The client's name (<see cref="AuditActions.UnknownClient"/> when none is known).</summary>
    [Id(2)] public required string Client { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    [Id(3)] public required string Action { get; init; }

    /// <summary>The profile acted on; for an erasure the id's pseudonym, never the id.</summary>
    [Id(4)] public string? ProfileId { get; init; }

    /// <summary>How many things the action touched, for actions on many.</summary>
    [Id(5)] public int? Count { get; init; }

    /// <summary>What else identifies the action without personal data (a rejected key's short hash).</summary>
    [Id(6)] public string? Detail { get; init; }

    [Id(7)] public string? CorrelationId { get; init; }
}

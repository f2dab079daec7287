namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// What identifies the copy a <c>profiles</c> row holds: the stored state's version and the enrichment
/// time (the one column that changes without a new version, when a contact block is stripped).
/// </summary>
public readonly record struct ProfileRowVersion(DateTimeOffset StoredAt, DateTimeOffset? EnrichedAt)
{
    /// <summary>
    /// Whether a row holding this version already has what writing <paramref name="profile"/> stored at
    /// <paramref name="storedAt"/> would give it (the upsert would then write nothing).
    /// </summary>
    public bool Covers(ProfileData profile, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Covers(ProfileIndexEntry.VersionOf(profile, storedAt));
    }

    /// <summary>Whether a row holding this version already has what a write giving it <paramref name="wanted"/> would.</summary>
    public bool Covers(ProfileRowVersion wanted) =>
        StoredAt > wanted.StoredAt || (StoredAt == wanted.StoredAt && EnrichedAt == wanted.EnrichedAt);
}

using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// The queryable copy of every stored profile (the <c>profiles</c> table in Cluster mode): summary,
/// experience, education and dates, never the contact block. Profile grains write it after their own
/// state; <see cref="IProfileQueryGrain"/> reads it. Implementations: <see cref="PostgresProfileIndex"/>
/// and <see cref="InMemoryProfileIndex"/>, which behave alike.
/// </summary>
public interface IProfileIndex
{
    /// <summary>
    /// Stores the copy of <paramref name="profile"/> whose grain state was stored at
    /// <paramref name="storedAt"/> (the version). A copy never moves backwards: it is written only when
    /// no copy of the profile is held, the held one is older, or it is as old and differs. Writing the
    /// same version twice writes nothing, so re-indexing is cheap.
    /// </summary>
    /// <returns>True when the copy was written; false when the held copy is newer or the same.</returns>
    Task<bool> UpsertAsync(ProfileData profile, DateTimeOffset storedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version of the row of each of <paramref name="profileIds"/> that has one, in one statement:
    /// how an activating grain learns, without writing, whether its row is current.
    /// </summary>
    Task<IReadOnlyDictionary<string, ProfileRowVersion>> GetVersionsAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default);

    /// <summary>Removes the copy of a profile the cluster no longer stores; true when there was one.</summary>
    Task<bool> DeleteAsync(string profileId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the profiles that match <paramref name="query"/>, in ordinal id order (keyset
    /// pagination: a page starts after the id its cursor carries, so profiles written between pages
    /// neither repeat nor vanish). Throws <see cref="ArgumentException"/> for an invalid query or cursor.
    /// </summary>
    Task<ProfileQueryPage> QueryAsync(ProfileQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the profile was read at <paramref name="readAt"/> (for retention); a row's last read
    /// never moves backwards, and a profile without a row is ignored.
    /// </summary>
    Task TouchAsync(string profileId, DateTimeOffset readAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids, in ordinal order after <paramref name="afterId"/>, of profiles whose last read and last store
    /// are both before <paramref name="cutoff"/>: what the retention job deletes.
    /// </summary>
    Task<IReadOnlyList<string>> FindUnusedAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids, in ordinal order after <paramref name="afterId"/>, of profiles enriched before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<string>> FindEnrichedBeforeAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default);
}

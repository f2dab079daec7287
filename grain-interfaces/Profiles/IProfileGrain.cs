namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// One Juicebox profile, keyed by <see cref="ProfileKey"/>: the cluster's cache entry for that person.
/// Reads are served from memory, then from the grain's persisted state, then from the upstream API.
/// </summary>
[Alias("Juicebox.IProfileGrain")]
public interface IProfileGrain : IGrainWithStringKey
{
    /// <summary>Reads the profile, fetching it from the upstream only when nothing usable is held.</summary>
    [Alias("GetAsync")]
    Task<ProfileRead> GetAsync();

    /// <summary>
    /// As <see cref="GetAsync"/>, with the profile as the public API's JSON (<see cref="ProfileRead.ProfileJson"/>),
    /// rendered once per stored copy: what the HTTP read sends as it is, and far less to copy between silos than the object.
    /// </summary>
    [Alias("GetJsonAsync")]
    Task<ProfileRead> GetJsonAsync();

    /// <summary>
    /// As <see cref="GetJsonAsync"/>, for a caller that sends no request context: the grain takes
    /// <paramref name="correlationId"/> as the call's <see cref="Telemetry.Correlation"/> id whenever the read
    /// does more than answer from memory (its logs, the upstream call), and leaves it out of a read answered from memory.
    /// </summary>
    /// <remarks>
    /// A request context is a dictionary that Orleans copies and serializes with the call, copies again into
    /// the grain's turn and sends back with the answer; a hot read needs none of that.
    /// </remarks>
    [Alias("ReadJsonAsync")]
    Task<ProfileRead> ReadJsonAsync(string? correlationId);

    /// <summary>When the profile was last enriched by this cluster, or null; never calls the upstream.</summary>
    [Alias("GetEnrichedAtAsync")]
    Task<DateTimeOffset?> GetEnrichedAtAsync();

    /// <summary>
    /// The contact block of the held copy, or null when none is held; never calls the upstream, so an
    /// export of a job's results costs the upstream nothing.
    /// </summary>
    [Alias("GetContactAsync")]
    Task<ContactData?> GetContactAsync();

    /// <summary>Stores an enriched copy of the profile (contact block included) in memory and storage.</summary>
    [Alias("ApplyEnrichmentAsync")]
    Task ApplyEnrichmentAsync(ProfileData enriched);

    /// <summary>
    /// Stores a search result's summary, only when the grain holds nothing, marked as summary-only: a
    /// later read still fetches the full profile instead of serving it. The answer says whether the
    /// grain still lacks a fresh full profile (so fetching one in the background is worth it).
    /// </summary>
    [Alias("WarmAsync")]
    Task<ProfileWarming> WarmAsync(ProfileSummaryData summary);

    /// <summary>
    /// Stores a full profile fetched in the background (without contact data) unless the held copy is
    /// fresh or newer upstream; a held contact block is kept. Returns true when it was stored.
    /// </summary>
    [Alias("PrimeAsync")]
    Task<bool> PrimeAsync(ProfileData profile);

    /// <summary>
    /// Erases the profile: state cleared in storage, <c>profiles</c> row deleted, memory dropped (the
    /// activation is deactivated), and the id remembered as suppressed for the rest of the activation.
    /// The caller has put the id on the suppression list first. Returns whether a profile was held.
    /// </summary>
    [Alias("EraseAsync")]
    Task<bool> EraseAsync();

    /// <summary>
    /// Retention: deletes the profile (state, row, memory) when it was neither read nor fetched since
    /// <paramref name="unusedSince"/>; otherwise records its last read. Returns whether it was deleted.
    /// </summary>
    [Alias("ExpireAsync")]
    Task<bool> ExpireAsync(DateTimeOffset unusedSince);

    /// <summary>Retention: removes the contact block when it was stored before <paramref name="enrichedBefore"/>; returns whether it did.</summary>
    [Alias("StripContactAsync")]
    Task<bool> StripContactAsync(DateTimeOffset enrichedBefore);

    /// <summary>
    /// The upstream says the profile changed (a <c>profile.enriched</c> webhook): the held copy is
    /// treated as stale, so the next read serves it and refreshes it. Returns whether a copy was held.
    /// </summary>
    [Alias("MarkForRefreshAsync")]
    Task<bool> MarkForRefreshAsync();
}

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
}

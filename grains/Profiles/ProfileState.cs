namespace Juicebox.Grains.Profiles;

/// <summary>What a profile grain persists: the last good copy and when it was fetched.</summary>
[GenerateSerializer, Alias("Juicebox.ProfileState")]
public sealed class ProfileState
{
    [Id(0)] public ProfileData? Profile { get; set; }

    /// <summary>When <see cref="Profile"/> was last fetched from the upstream.</summary>
    [Id(1)] public DateTimeOffset? FetchedAt { get; set; }

    /// <summary>A hash of <see cref="Profile"/>'s content: the profile's ETag.</summary>
    [Id(2)] public string? ContentHash { get; set; }

    /// <summary>When this cluster last stored an enrichment of the profile (its own clock, not the upstream's).</summary>
    [Id(3)] public DateTimeOffset? EnrichedAt { get; set; }

    /// <summary>
    /// True while <see cref="Profile"/> is only a search result's summary (no headline, experience or
    /// education): it is never served as the profile, a read fetches the full one.
    /// </summary>
    [Id(4)] public bool SummaryOnly { get; set; }

    /// <summary>
    /// True once the upstream said the profile changed (a <c>profile.enriched</c> webhook): the held copy
    /// counts as stale until the next fetch, enrichment or primed copy replaces it.
    /// </summary>
    [Id(5)] public bool RefreshRequested { get; set; }
}

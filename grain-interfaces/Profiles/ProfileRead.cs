namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>What a read of a profile grain found.</summary>
[GenerateSerializer, Alias("Juicebox.ProfileReadOutcome")]
public enum ProfileReadOutcome
{
    /// <summary>The profile is in <see cref="ProfileRead.Profile"/>.</summary>
    Found = 0,

    /// <summary>The upstream does not know this id (possibly remembered from an earlier miss).</summary>
    NotFound = 1,

    /// <summary>Nothing is cached and the upstream failed; see <see cref="ProfileRead.Error"/>.</summary>
    Unavailable = 2,

    /// <summary>The id was erased and is suppressed: nothing is held and the upstream is not asked.</summary>
    Erased = 3,
}

/// <summary>How a found profile relates to the cache, as the <c>X-Cache</c> header reports it.</summary>
[GenerateSerializer, Alias("Juicebox.CacheStatus")]
public enum CacheStatus
{
    /// <summary>Served from the cluster within its freshness window.</summary>
    Hit = 0,

    /// <summary>Fetched from the upstream for this read.</summary>
    Miss = 1,

    /// <summary>Past its freshness window: served as is while a refresh runs or while the upstream fails.</summary>
    Stale = 2,
}

/// <summary>Where the answer came from: memory, the grain's persisted state, or the upstream API.</summary>
[GenerateSerializer, Alias("Juicebox.ProfileSource")]
public enum ProfileSource
{
    Memory = 0,
    Storage = 1,
    Upstream = 2,
}

/// <summary>Why the upstream could not answer a read.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamError")]
public sealed record class UpstreamError
{
    /// <summary>The upstream error code, or a transport failure such as <c>TIMEOUT</c>.</summary>
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required string Message { get; init; }

    /// <summary>True when trying again later can succeed (rate limit, 5xx, timeout).</summary>
    [Id(2)] public bool IsTransient { get; init; }

    [Id(3)] public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The answer of <see cref="IProfileGrain.GetAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileRead")]
public sealed record class ProfileRead
{
    [Id(0)] public required ProfileReadOutcome Outcome { get; init; }
    /// <summary>The profile, from <see cref="IProfileGrain.GetAsync"/>.</summary>
    [Id(1)] public ProfileData? Profile { get; init; }
    [Id(2)] public CacheStatus Cache { get; init; }
    [Id(3)] public ProfileSource Source { get; init; }

    /// <summary>When the held copy was fetched from the upstream.</summary>
    [Id(4)] public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>When the held copy stops being fresh.</summary>
    [Id(5)] public DateTimeOffset? FreshUntil { get; init; }

    /// <summary>A validator of the held copy's content, for <c>ETag</c>.</summary>
    [Id(6)] public string? ContentHash { get; init; }

    /// <summary>Set when the upstream failed during this read (Unavailable), or the stale copy is served because it fails.</summary>
    [Id(7)] public UpstreamError? Error { get; init; }

    /// <summary>
    /// The profile as the public API's UTF-8 JSON (<see cref="ProfileJson"/>), from
    /// <see cref="IProfileGrain.GetJsonAsync"/>, which leaves <see cref="Profile"/> null.
    /// </summary>
    /// <remarks>
    /// In the process of the grain that answered, the grain hands over its packed copy instead
    /// (<see cref="PackedJson"/>) and this expands it on each get: what the wire carries is always the JSON.
    /// The setter is for Orleans' deserializer, which cannot call an init accessor with a body.
    /// </remarks>
    [Id(8)]
    public byte[]? ProfileJson
    {
        get => _profileJson ?? (PackedJson is { } packed ? PackedProfileJson.ToArray(packed) : null);
        set => _profileJson = value;
    }

    [NonSerialized]
    private byte[]? _profileJson;

    /// <summary>
    /// The held JSON as <see cref="PackedProfileJson"/>, only within the process of the grain that packed it
    /// (it refers to that process's <see cref="SharedJsonStrings"/>): never serialized, so a read that
    /// crosses processes carries <see cref="ProfileJson"/> instead. Whoever writes the JSON out expands it.
    /// </summary>
    public byte[]? PackedJson { get => _packedJson; init => _packedJson = value; }

    [NonSerialized]
    private readonly byte[]? _packedJson;

    /// <summary>
    /// Where the contact block starts in <see cref="ProfileJson"/> (null: it has none); what a caller
    /// without <c>contact:read</c> gets is the bytes before it and a closing brace.
    /// </summary>
    [Id(9)] public int? ContactOffset { get; init; }

    public static ProfileRead NotFound(ProfileSource source) => new() { Outcome = ProfileReadOutcome.NotFound, Source = source };

    public static ProfileRead Erased() => new() { Outcome = ProfileReadOutcome.Erased, Source = ProfileSource.Memory };

    public static ProfileRead Unavailable(UpstreamError error) =>
        new() { Outcome = ProfileReadOutcome.Unavailable, Source = ProfileSource.Upstream, Error = error };
}

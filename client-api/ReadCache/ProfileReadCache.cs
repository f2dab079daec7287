using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Juicebox.GrainInterfaces.ReadCache;
using Juicebox.Grains.Telemetry;

namespace Juicebox.ClientApi.ReadCache;

/// <summary>
/// client-api's copies of profiles it read from the cluster, in every hosting mode (see <see cref="ReadCacheOptions"/>).
/// A copy is stored only by the read that fetched it, and not when a change of that profile arrived while
/// the read was on its way (<see cref="ReadCacheMiss"/>): the answer may predate the change. Copies are
/// served only while the registration with the cluster is current (<see cref="Registered"/>), so that a front
/// end the silos could not reach stops serving what they could not tell it.
/// </summary>
public sealed class ProfileReadCache
{
    // What a copy costs beyond its JSON: the read, its strings, the entry and the dictionary's node.
    private const int EntryOverheadBytes = 320;

    private static readonly TimeSpan StoringDelayMargin = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReadCacheMiss> _misses = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lease;
    private readonly long _maxBytes;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _resets;
    private long _bytes;
    private long _servingUntil;
    private long _storingFrom = long.MaxValue;
    private int _generation;
    private Guid _token;

    public ProfileReadCache(IOptions<ReadCacheOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _clock = clock;
        _lease = options.Value.Lease;
        _maxBytes = options.Value.MaxMegabytes * 1024L * 1024L;
        var meter = meters.Create(JuiceboxMetrics.MeterName);
        _lookups = meter.CreateCounter<long>(
            "juicebox.read_cache.lookups", "{read}", "Profile reads client-api looked up in its read cache, by result (hit, miss); only while the cache serves.");
        _invalidations = meter.CreateCounter<long>(
            "juicebox.read_cache.invalidations", "{profile}", "Profile changes the silos told client-api's read cache of.");
        _resets = meter.CreateCounter<long>(
            "juicebox.read_cache.resets", "{reset}", "Times client-api emptied its read cache: its registration with the cluster was new or had lapsed.");
        meter.CreateObservableGauge("juicebox.read_cache.entries", () => (long)_entries.Count, "{profile}", "Profiles client-api's read cache holds.");
        meter.CreateObservableGauge("juicebox.read_cache.size", () => Interlocked.Read(ref _bytes), "By", "Estimated memory of client-api's read cache.");
    }

    /// <summary>Whether copies are served now: registered, and renewed recently enough.</summary>
    public bool IsServing => _clock.GetTimestamp() < Volatile.Read(ref _servingUntil);

    public int Count => _entries.Count;

    /// <summary>The copy of <paramref name="profileId"/>, when one is held, within its lease and freshness, and the cache serves.</summary>
    public bool TryGet(string profileId, [NotNullWhen(true)] out ProfileRead? read)
    {
        var now = _clock.GetTimestamp();
        if (now >= Volatile.Read(ref _servingUntil))
        {
            read = null;
            return false;
        }

        if (_entries.TryGetValue(profileId, out var entry) && now < entry.ExpiresAt)
        {
            _lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            read = entry.Read;
            return true;
        }

        _lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        read = null;
        return false;
    }

    /// <summary>
    /// Starts a read that may store its answer (<see cref="EndMiss"/>); null when it may not: the cache does not
    /// store now, or another read of the same profile is on its way.
    /// </summary>
    public ReadCacheMiss? BeginMiss(string profileId)
    {
        var now = _clock.GetTimestamp();
        if (now >= Volatile.Read(ref _servingUntil) || now < Volatile.Read(ref _storingFrom))
        {
            return null;
        }

        var miss = new ReadCacheMiss(profileId, Volatile.Read(ref _generation));
        return _misses.TryAdd(profileId, miss) ? miss : null;
    }

    /// <summary>Ends a read begun with <see cref="BeginMiss"/>, storing <paramref name="read"/> when it may be served again (null: the read failed).</summary>
    public void EndMiss(ReadCacheMiss? miss, ProfileRead? read)
    {
        if (miss is null)
        {
            return;
        }

        if (read is not null && Lifetime(read) is { } lifetime && !miss.Invalidated && miss.Generation == Volatile.Read(ref _generation))
        {
            Store(miss, read, lifetime);
        }

        // Only now: until the copy is checked after storing it, a change must find the miss to mark it.
        _misses.TryRemove(new KeyValuePair<string, ReadCacheMiss>(miss.ProfileId, miss));
    }

    /// <summary>Drops the copies of changed profiles, and marks the reads of them on their way so they store nothing.</summary>
    public void Invalidate(IReadOnlyCollection<string> profileIds)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        foreach (var profileId in profileIds)
        {
            if (_misses.TryGetValue(profileId, out var miss))
            {
                miss.Invalidate();
            }

            Remove(profileId);
        }

        _invalidations.Add(profileIds.Count);
    }

    /// <summary>
    /// The cluster's registry answered a registration begun at <paramref name="startedAt"/> (a timestamp of the clock)
    /// with <paramref name="token"/>. A new token means changes may have gone elsewhere: the cache empties, and stores
    /// again only once every silo's list of front ends must hold this one. Copies are served until twice the renewal
    /// interval after the start, unless the next renewal succeeds.
    /// </summary>
    public void Registered(Guid token, long startedAt)
    {
        if (token != _token)
        {
            Volatile.Write(ref _storingFrom, long.MaxValue);
            Reset();
            _token = token;
            Volatile.Write(ref _storingFrom, _clock.GetTimestamp() + Ticks(ReadCacheRegistration.SubscribersMaxAge + StoringDelayMargin));
        }

        Volatile.Write(ref _servingUntil, startedAt + Ticks(ReadCacheRegistration.RenewalInterval * 2));
    }

    /// <summary>client-api leaves the cluster's registry: from now on nothing is served or stored.</summary>
    public void StopServing()
    {
        Volatile.Write(ref _servingUntil, 0);
        Volatile.Write(ref _storingFrom, long.MaxValue);
        Reset();
    }

    /// <summary>Empties the cache; reads on their way store nothing.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        foreach (var miss in _misses.Values)
        {
            miss.Invalidate();
        }

        foreach (var entry in _entries)
        {
            Remove(entry);
        }

        _resets.Add(1);
    }

    private void Store(ReadCacheMiss miss, ProfileRead read, TimeSpan lifetime)
    {
        var entry = new Entry(
            read with { Cache = CacheStatus.Hit, Source = ProfileSource.Memory },
            _clock.GetTimestamp() + Ticks(lifetime < _lease ? lifetime : _lease),
            JsonBytes(read)!.Value + EntryOverheadBytes);
        Remove(miss.ProfileId);
        if (!_entries.TryAdd(miss.ProfileId, entry))
        {
            return;
        }

        Interlocked.Add(ref _bytes, entry.Size);

        // A change or a reset may have come between the check before storing and the store.
        if ((miss.Invalidated || miss.Generation != Volatile.Read(ref _generation))
            && Remove(new KeyValuePair<string, Entry>(miss.ProfileId, entry)))
        {
            return;
        }

        if (Interlocked.Read(ref _bytes) > _maxBytes)
        {
            Evict();
        }
    }

    // Expired copies first, then any, down to three quarters of the limit: an eviction is rare and costs a pass.
    private void Evict()
    {
        if (!_evicting.TryEnter())
        {
            return;
        }

        try
        {
            var now = _clock.GetTimestamp();
            var target = _maxBytes * 3 / 4;
            foreach (var entry in _entries)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    Remove(entry);
                }
            }

            foreach (var entry in _entries)
            {
                if (Interlocked.Read(ref _bytes) <= target)
                {
                    break;
                }

                Remove(entry);
            }
        }
        finally
        {
            _evicting.Exit();
        }
    }

    // Every removal goes through these two, so the size follows the entries.
    private void Remove(string profileId)
    {
        if (_entries.TryRemove(profileId, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Size);
        }
    }

    private bool Remove(KeyValuePair<string, Entry> entry)
    {
        if (!_entries.TryRemove(entry))
        {
            return false;
        }

        Interlocked.Add(ref _bytes, -entry.Value.Size);
        return true;
    }

    /// <summary>How long the read may be served from here (as a hit from memory): a found, fresh copy without an upstream error; else null.</summary>
    private TimeSpan? Lifetime(ProfileRead read)
    {
        if (read is not { Outcome: ProfileReadOutcome.Found, Cache: CacheStatus.Hit or CacheStatus.Miss, Error: null, FreshUntil: { } freshUntil }
            || JsonBytes(read) is null)
        {
            return null;
        }

        var freshFor = freshUntil - _clock.GetUtcNow();
        return freshFor > TimeSpan.Zero ? freshFor : null;
    }

    // The packed form when the read has one (an in-process grain's answer): ProfileJson would expand it to measure it.
    private static int? JsonBytes(ProfileRead read) => read.PackedJson?.Length ?? read.ProfileJson?.Length;

    private long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * _clock.TimestampFrequency);

    // A class, not a record: removals compare entries by reference.
    private sealed class Entry(ProfileRead read, long expiresAt, int size)
    {
        public ProfileRead Read { get; } = read;

        public long ExpiresAt { get; } = expiresAt;

        public int Size { get; } = size;
    }
}

/// <summary>A read of a profile the cache did not hold, on its way to the cluster (<see cref="ProfileReadCache.BeginMiss"/>).</summary>
public sealed class ReadCacheMiss(string profileId, int generation)
{
    private volatile bool _invalidated;

    public string ProfileId { get; } = profileId;

    internal int Generation { get; } = generation;

    /// <summary>A change of the profile arrived while the read was on its way: its answer may predate it.</summary>
    internal bool Invalidated => _invalidated;

    internal void Invalidate() => _invalidated = true;
}

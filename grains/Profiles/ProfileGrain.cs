using System.Diagnostics;
using Juicebox.GrainInterfaces.Telemetry;
using Juicebox.Grains.LocalQueries;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// The cluster's cache entry for one person. The grain is not reentrant, so concurrent reads of a
/// cold profile queue behind the first one and find its result in memory: one upstream call.
/// Every upstream fetch goes through <see cref="FetchOnceAsync"/>, so fetches and state writes never overlap.
/// </summary>
[GrainType(ProfileKey.GrainTypeName)]
public sealed partial class ProfileGrain(ProfileGrainServices services, ILogger<ProfileGrain> logger) : Grain, IProfileGrain
{
    // Orleans creates the grain before its state is read, so this starts the activation's clock.
    private readonly long _createdAt = Stopwatch.GetTimestamp();
    private bool _servedSinceActivation;

    // Set only while the upstream says no or fails, so held in an object of their own (ProfileSetbacks).
    private ProfileSetbacks? _setbacks;
    private Task<FetchResult>? _fetch;
    private ProfileData? _renderedProfile;

    // The rendered JSON as PackedProfileJson: the contact offset and lengths are in it.
    private byte[]? _renderedJson;

    // Made when needed, not held: hot reads never need it, and a copy per profile would cost its bytes.
    private string ProfileId => ProfileKey.ToId(this.GetPrimaryKeyString());

    // Resolved for each upstream fetch, not held: a typed client is a new HttpClient with its own base
    // address and cancellation source (about 230 B), which every hot profile would otherwise keep unused.
    private IJuiceboxClient Juicebox => ServiceProvider.GetRequiredService<IJuiceboxClient>();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var row = await ReadStoredStateAsync();
        services.Metrics.ProfileActivated(Stopwatch.GetElapsedTime(_createdAt), _stored.RecordExists);
        var parked = _stored.TakeParked();
        if (parked is not null)
        {
            // Read from storage as JSON (StoredProfileJson): held parked from the start, as the first read over HTTP would leave it.
            _renderedJson = parked.PackedJson;
            _parked = true;
            services.Metrics.ProfileHeldJsonChanged(parked.PackedJson.Length);
        }

        // A full copy's strings are shared only if its objects stay held (Held): a read over HTTP, nearly
        // always the call that activated the grain, parks it as JSON first and its objects go unshared.
        else if (_stored.State.Profile is { } stored)
        {
            if (_stored.State.SummaryOnly)
            {
                _stored.State.Profile = SharedProfileStrings.Share(stored);
            }
            else
            {
                _heldUnshared = true;
            }
        }

        _lastReadWritten = services.Clock.GetUtcNow();
        CatchUpIndexAfterActivation(row, parked);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<ProfileRead> GetAsync()
    {
        var read = await ReadAsync();
        services.Metrics.ProfileRead(read);
        if (read.PackedJson is { } parkedJson)
        {
            return read with { Profile = Unparked(parkedJson), PackedJson = null, ContactOffset = null };
        }

        // The objects stay held: shared from now on.
        Held();
        return read;
    }

    public async Task<ProfileRead> GetJsonAsync()
    {
        var read = await ReadAsync();
        services.Metrics.ProfileRead(read);
        // A parked copy's read carries its JSON already.
        if (read.Profile is not { } profile)
        {
            return read;
        }

        var json = RenderAndPark(profile);
        return read with { Profile = null, PackedJson = json, ContactOffset = PackedProfileJson.ContactOffset(json) };
    }

    public Task<ProfileRead> ReadJsonAsync(string? correlationId)
    {
        // Only a read that goes beyond memory logs or calls out: it takes the caller's id as its request context.
        if (correlationId is not null && !AnswersFromMemory(services.Clock.GetUtcNow()) && Correlation.IsValid(correlationId))
        {
            Correlation.Set(correlationId);
        }

        return GetJsonAsync();
    }

    /// <summary>Whether a read now is answered from the held copy alone: held in full and fresh, so no refresh starts.</summary>
    private bool AnswersFromMemory(DateTimeOffset now) => Holds && !_stored.State.SummaryOnly && now < FreshUntil;

    /// <summary>The packed JSON of the held copy, rendered again only when the copy changes (copies are immutable records).</summary>
    private byte[] Render(ProfileData profile)
    {
        if (!ReferenceEquals(profile, _renderedProfile))
        {
            var packed = PackedProfileJson.Render(profile);
            services.Metrics.ProfileHeldJsonChanged(packed.Length - (_renderedJson?.Length ?? 0));
            _renderedJson = packed;
            _renderedProfile = profile;
        }

        return _renderedJson!;
    }

    private async Task<ProfileRead> ReadAsync()
    {
        var now = services.Clock.GetUtcNow();
        if (Holds && !_stored.State.SummaryOnly)
        {
            NoteRead(now);
            return ServeHeld(now);
        }

        // Nothing usable is held: before anything could collect the person again, the suppression list.
        if (await IsSuppressedAsync())
        {
            return ProfileRead.Erased();
        }

        if (now < NotFoundUntil)
        {
            return ProfileRead.NotFound(ProfileSource.Memory);
        }

        // A cold profile whose upstream read just failed answers with that failure until the retry
        // time, instead of spending a call on every read during an outage.
        if (RefreshError is { } recentFailure && now < NextRefreshAttempt)
        {
            return ProfileRead.Unavailable(recentFailure);
        }

        var result = await FetchOnceAsync();
        NoteRead(services.Clock.GetUtcNow());
        return result switch
        {
            FetchResult.Stored => Found(CacheStatus.Miss, ProfileSource.Upstream, error: null),
            FetchResult.NotFound => ProfileRead.NotFound(ProfileSource.Upstream),
            FetchResult.Failed failed => ProfileRead.Unavailable(failed.Error),
            _ => throw new InvalidOperationException($"Unexpected fetch result {result}."),
        };
    }

    public Task<DateTimeOffset?> GetEnrichedAtAsync() => Task.FromResult(_stored.State.EnrichedAt);

    public Task<ContactData?> GetContactAsync() => Task.FromResult(Held()?.Contact);

    public async Task ApplyEnrichmentAsync(ProfileData enriched)
    {
        ArgumentNullException.ThrowIfNull(enriched);
        if (!string.Equals(enriched.Id, ProfileId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An enrichment of profile {enriched.Id} cannot be stored in profile {ProfileId}.", nameof(enriched));
        }

        // A background refresh may be between its upstream call and its state write; let it finish
        // so the two writes do not race (it keeps whatever contact block it finds when it lands).
        if (_fetch is { IsCompleted: false } running)
        {
            await running.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        if (!Holds && await IsSuppressedAsync())
        {
            LogSuppressedWriteDropped("enrichment");
            return;
        }

        var now = services.Clock.GetUtcNow();
        Hold(SharedProfileStrings.Share(enriched));
        _stored.State.RefreshRequested = false;
        _stored.State.FetchedAt = now;
        _stored.State.EnrichedAt = now;
        _stored.State.SummaryOnly = false;
        _stored.State.ContentHash = ProfileContentHash.Compute(enriched);
        NotFoundUntil = default;
        RefreshError = null;
        await PersistAsync();
    }

    private ProfileRead ServeHeld(DateTimeOffset now)
    {
        var source = _servedSinceActivation ? ProfileSource.Memory : ProfileSource.Storage;
        _servedSinceActivation = true;
        if (now < FreshUntil)
        {
            return Found(CacheStatus.Hit, source, error: null);
        }

        // Stale-while-revalidate: the answer is the held copy, taken before the refresh starts (which
        // can finish before control returns here); while the upstream keeps failing (stale-if-error)
        // the caller is told why the copy is stale.
        var stale = Found(CacheStatus.Stale, source, RefreshError);
        if (_fetch is not { IsCompleted: false } && now >= NextRefreshAttempt)
        {
            _ = RefreshInBackgroundAsync();
        }

        return stale;
    }

    // A copy the upstream said changed is stale from the moment it was fetched.
    private DateTimeOffset? FreshUntil => _stored.State.RefreshRequested ? _stored.State.FetchedAt : _stored.State.FetchedAt + services.Cache.TimeToLive;

    private ProfileRead Found(CacheStatus cache, ProfileSource source, UpstreamError? error) => new()
    {
        Outcome = ProfileReadOutcome.Found,
        Cache = cache,
        Source = source,
        FetchedAt = _stored.State.FetchedAt,
        FreshUntil = FreshUntil,

        // The copy as it is now (a refresh may replace it before the caller sees the read): its objects, or its JSON while parked.
        Profile = _stored.State.Profile,
        PackedJson = _parked ? _renderedJson : null,
        ContactOffset = _parked ? PackedProfileJson.ContactOffset(_renderedJson!) : null,
        ContentHash = _stored.State.ContentHash ??= ProfileContentHash.Compute(Held()!),
        Error = error,
    };

    private Task<FetchResult> FetchOnceAsync() =>
        _fetch is { IsCompleted: false } running ? running : _fetch = FetchAndStoreAsync();

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await FetchOnceAsync();
        }
        catch (Exception exception)
        {
            LogRefreshCrashed(exception, ProfileId);
        }
    }

    private async Task<FetchResult> FetchAndStoreAsync()
    {
        try
        {
            var response = await Juicebox.GetProfileAsync(ProfileId);
            var profile = SharedProfileStrings.Share(response.Value.ToProfileData()).WithContactOf(Held());
            Hold(profile);
            _stored.State.FetchedAt = services.Clock.GetUtcNow();
            _stored.State.SummaryOnly = false;
            _stored.State.RefreshRequested = false;
            _stored.State.ContentHash = ProfileContentHash.Compute(profile);
            await PersistAsync();
            _servedSinceActivation = true;
            RefreshError = null;
            NotFoundUntil = default;
            LogFetched(ProfileId);
            return FetchResult.Stored.Instance;
        }
        catch (JuiceboxNotFoundException)
        {
            // Unknown upstream: remembered in memory only, so junk ids cost neither quota nor rows.
            NotFoundUntil = services.Clock.GetUtcNow() + services.Cache.NotFoundTimeToLive;
            if (_stored.RecordExists)
            {
                LogProfileGoneUpstream(ProfileId);
                await ClearStoredStateAsync();
                _stored.State = new ProfileState();
                ForgetHeld();
                await TellReadCachesAsync(removesPersonalData: false);
                await IndexStoredStateAsync();
            }

            return FetchResult.NotFound.Instance;
        }
        catch (JuiceboxException exception)
        {
            var error = UpstreamErrors.From(exception);
            var wait = UpstreamErrors.RetryWait(exception, error, services.Cache.RefreshRetryInterval);
            NextRefreshAttempt = services.Clock.GetUtcNow() + wait;
            RefreshError = error;
            if (exception is JuiceboxThrottledException)
            {
                LogThrottled(ProfileId, wait.TotalSeconds);
            }
            else
            {
                LogUpstreamFailed(ProfileId, error.Code, error.IsTransient);
            }
            return new FetchResult.Failed(error);
        }
    }

    /// <summary>
    /// A profile that was paid for is served from memory even when PostgreSQL refuses the write;
    /// the next successful write stores it. Only a stored state is copied to the local-query table.
    /// </summary>
    private async Task PersistAsync(bool removesPersonalData = false)
    {
        try
        {
            // Storage writes the objects, so a parked copy is decoded first.
            Held();
            await WriteStoredStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPersistFailed(exception, ProfileId);
            // What is held changed all the same, and reads get it.
            await TellReadCachesAsync(removesPersonalData);
            return;
        }

        await TellReadCachesAsync(removesPersonalData);
        await IndexStoredStateAsync();
    }

    /// <summary>The front ends' read caches drop their copies of this profile before the change returns (see <see cref="ProfileChangeNotifier"/>).</summary>
    private Task TellReadCachesAsync(bool removesPersonalData) =>
        removesPersonalData ? services.ReadCaches.RemovedAsync(ProfileId) : services.ReadCaches.ChangedAsync(ProfileId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {ProfileId} fetched from the upstream")]
    private partial void LogFetched(string profileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream read of profile {ProfileId} failed with {ErrorCode} (transient: {IsTransient})")]
    private partial void LogUpstreamFailed(string profileId, string errorCode, bool isTransient);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream read of profile {ProfileId} was not sent: the cluster's upstream budget has room again in {RetryAfterSeconds:0.###} s")]
    private partial void LogThrottled(string profileId, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background refresh of profile {ProfileId} crashed")]
    private partial void LogRefreshCrashed(Exception exception, string profileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Profile {ProfileId} could not be written to storage; it is served from memory")]
    private partial void LogPersistFailed(Exception exception, string profileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} is no longer known upstream; its stored copy was erased")]
    private partial void LogProfileGoneUpstream(string profileId);

    private abstract record FetchResult
    {
        public sealed record Stored : FetchResult
        {
            public static Stored Instance { get; } = new();
        }

        public sealed record NotFound : FetchResult
        {
            public static NotFound Instance { get; } = new();
        }

        public sealed record Failed(UpstreamError Error) : FetchResult;
    }
}

using Juicebox.GrainInterfaces.Search;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.Profiles;
using Juicebox.Grains.Telemetry;
using Juicebox.Grains.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Search;

/// <summary>
/// The cluster's cache entry for one canonical search: the page lives in memory for
/// <see cref="SearchOptions.TimeToLive"/> and the activation goes with idle collection (memory only,
/// nothing is persisted). The grain is not reentrant, so identical searches that arrive together
/// queue behind the first and find its page: one upstream call.
/// </summary>
public sealed partial class SearchGrain(
    IJuiceboxClient juicebox,
    IOptions<SearchOptions> options,
    ProfileSuppression suppression,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    JuiceboxMetrics metrics,
    ILogger<SearchGrain> logger) : Grain, ISearchGrain
{
    /// <summary>How many profile grains one page warms at a time.</summary>
    private const int WarmingConcurrency = 8;

    /// <summary>The upstream's largest <c>POST /profiles/batch</c>.</summary>
    private const int MaxBatch = 100;

    private readonly SearchOptions _options = options.Value;
    private SearchPage? _page;
    private DateTimeOffset _cachedAt;
    private DateTimeOffset _freshUntil;
    private SearchResult? _failure;
    private DateTimeOffset _retryAt;
    private Task _warming = Task.CompletedTask;
    private SearchWarmup _warmup = new();

    public async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        var result = await ReadAsync(query);
        metrics.SearchRead(result);
        return result;
    }

    private async Task<SearchResult> ReadAsync(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(SearchKey.For(query), key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"This search does not belong to search grain {key}; use SearchKey.For.", nameof(query));
        }

        var now = clock.GetUtcNow();
        if (_page is not null && now < _freshUntil)
        {
            await OmitSuppressedAsync();
            return Found(CacheStatus.Hit);
        }

        // A search that just failed answers with that failure until its retry time, so a burst of
        // identical searches during an outage costs one upstream call, not one each.
        if (_failure is { } failure && now < _retryAt)
        {
            return failure with { Error = failure.Error! with { RetryAfter = _retryAt - now } };
        }

        try
        {
            var response = await juicebox.SearchAsync(query.ToRequest());
            _page = response.Value.ToPage();
            _cachedAt = clock.GetUtcNow();
            _freshUntil = _cachedAt + _options.TimeToLive;
            _failure = null;
            await OmitSuppressedAsync();
            StartWarming(_page);
            LogFetched(key, _page.Profiles.Count, _page.Total);
            return Found(CacheStatus.Miss);
        }
        catch (JuiceboxException exception)
        {
            var error = UpstreamErrors.From(exception);
            var wait = UpstreamErrors.RetryWait(exception, error, _options.RetryInterval);
            _retryAt = clock.GetUtcNow() + wait;
            _failure = new SearchResult
            {
                Outcome = SearchOutcome.Failed,
                Cache = CacheStatus.Miss,
                Error = error,
                ErrorPosition = (exception as JuiceboxInvalidQueryException)?.Position,
            };
            LogSearchFailed(key, error.Code, error.IsTransient);
            return _failure;
        }
    }

    /// <summary>
    /// Drops erased people from the held page, checked on every read: a person erased while the page
    /// is cached is gone from the next answer. One look-up for the whole page.
    /// </summary>
    private async Task OmitSuppressedAsync()
    {
        var page = _page!;
        if (page.Profiles.Count == 0)
        {
            return;
        }

        var suppressed = await suppression.FindSuppressedAsync([.. page.Profiles.Select(profile => profile.Id)]);
        if (suppressed.Count > 0)
        {
            _page = page with
            {
                Profiles = [.. page.Profiles.Where(profile => !suppressed.Contains(profile.Id))],
                Total = Math.Max(0, page.Total - suppressed.Count),
            };
        }
    }

    public Task<SearchWarmup> GetWarmupAsync() => Task.FromResult(_warmup with { IsComplete = _warming.IsCompleted });

    private SearchResult Found(CacheStatus cache) => new()
    {
        Outcome = SearchOutcome.Found,
        Page = _page,
        Cache = cache,
        CachedAt = _cachedAt,
        FreshUntil = _freshUntil,
    };

    /// <summary>Warms in the background, after any warming still running for an earlier page.</summary>
    private void StartWarming(SearchPage page)
    {
        var previous = _warming;
        _warming = WarmAfterAsync(previous, page);
    }

    private async Task WarmAfterAsync(Task previous, SearchPage page)
    {
        await previous;
        _warmup = new SearchWarmup { IsComplete = false };
        try
        {
            await WarmAsync(page);
        }
        catch (Exception exception)
        {
            LogWarmingCrashed(exception, this.GetPrimaryKeyString());
        }
    }

    /// <summary>
    /// Every result's grain gets its summary (stored only in an empty grain); then the grains without
    /// a fresh full profile get one from a single background <c>POST /profiles/batch</c>.
    /// </summary>
    private async Task WarmAsync(SearchPage page)
    {
        var summaries = page.Profiles.Where(summary => ProfileKey.IsValidId(summary.Id)).DistinctBy(summary => summary.Id).ToList();
        var wanting = new List<string>();
        await ForEachAsync(summaries, async summary =>
        {
            var warming = await GrainFactory.GetProfileGrain(summary.Id).WarmAsync(summary);
            if (warming is ProfileWarming.SummaryStored)
            {
                _warmup = _warmup with { SummariesStored = _warmup.SummariesStored + 1 };
            }

            if (warming is ProfileWarming.SummaryStored or ProfileWarming.NeedsProfile)
            {
                wanting.Add(summary.Id);
            }
        });

        if (!_options.PrefetchProfiles || wanting.Count == 0)
        {
            return;
        }

        var ids = wanting.Take(MaxBatch).ToList();
        _warmup = _warmup with { FullProfilesRequested = ids.Count };
        IReadOnlyList<ProfileData> profiles;
        try
        {
            using (UpstreamCallScope.Background(0))
            {
                var batch = await juicebox.GetProfilesAsync(ids);
                profiles = [.. batch.Value.Profiles.Where(profile => ids.Contains(profile.Id)).Select(profile => profile.ToProfileData())];
            }
        }
        catch (JuiceboxException exception)
        {
            // The reads that follow fetch the profiles themselves; a prefetch is never retried.
            LogPrefetchFailed(this.GetPrimaryKeyString(), ids.Count, UpstreamErrors.From(exception).Code);
            return;
        }

        await ForEachAsync(profiles, async profile =>
        {
            if (await GrainFactory.GetProfileGrain(profile.Id).PrimeAsync(profile))
            {
                _warmup = _warmup with { FullProfilesStored = _warmup.FullProfilesStored + 1 };
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> for every item, <see cref="WarmingConcurrency"/> at a time; one failure stops none of the others.</summary>
    private async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        var next = -1;
        async Task DrainAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    await action(items[index]);
                }
                catch (Exception exception)
                {
                    LogWarmingStepFailed(exception, this.GetPrimaryKeyString());
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(WarmingConcurrency, items.Count)).Select(_ => DrainAsync()));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search {SearchKey} fetched upstream: {Count} of {Total} results")]
    private partial void LogFetched(string searchKey, int count, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search {SearchKey} failed upstream with {ErrorCode} (transient: {IsTransient})")]
    private partial void LogSearchFailed(string searchKey, string errorCode, bool isTransient);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search {SearchKey} could not prefetch {Count} full profiles ({ErrorCode}); reads will fetch them")]
    private partial void LogPrefetchFailed(string searchKey, int count, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search {SearchKey} could not warm one of its profiles")]
    private partial void LogWarmingStepFailed(Exception exception, string searchKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Warming the profiles of search {SearchKey} crashed")]
    private partial void LogWarmingCrashed(Exception exception, string searchKey);
}

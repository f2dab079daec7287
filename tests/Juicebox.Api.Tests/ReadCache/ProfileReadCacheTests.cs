using System.Diagnostics.Metrics;
using Juicebox.ClientApi.ReadCache;
using Juicebox.GrainInterfaces.Profiles;
using Juicebox.GrainInterfaces.ReadCache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Juicebox.Api.Tests.ReadCache;

public sealed class ProfileReadCacheTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settled = ReadCacheRegistration.SubscribersMaxAge + TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Guid _token = Guid.NewGuid();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void BeforeItsFirstRegistration_TheCacheNeitherServesNorStores()
    {
        var cache = NewCache();

        Assert.False(cache.IsServing);
        Assert.Null(cache.BeginMiss("p-1"));
        Assert.False(cache.TryGet("p-1", out _));
    }

    [Fact]
    public void RightAfterRegistering_ReadsStoreNothing_UntilEverySilosListOfFrontEndsMustHoldIt()
    {
        var cache = NewCache();
        cache.Registered(_token, _clock.GetTimestamp());

        var early = cache.BeginMiss("p-1");
        Renew(cache, Settled);
        StoreRead(cache, "p-2", Found());

        Assert.Null(early);
        Assert.True(cache.TryGet("p-2", out _));
    }

    [Fact]
    public void AStoredRead_IsServedAsAHitFromMemory_UntilItsLeaseEnds()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found(cache: CacheStatus.Miss, source: ProfileSource.Upstream));

        Assert.True(cache.TryGet("p-1", out var served));
        Assert.Equal((CacheStatus.Hit, ProfileSource.Memory), (served.Cache, served.Source));
        Assert.Equal(Found().ProfileJson, served.ProfileJson);

        Renew(cache, Lease - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet("p-1", out _));
        Renew(cache, TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet("p-1", out _));
    }

    [Fact]
    public void ACopy_IsNeverServedPastItsFreshness()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found(freshFor: TimeSpan.FromSeconds(3)));

        Renew(cache, TimeSpan.FromSeconds(2));
        Assert.True(cache.TryGet("p-1", out _));
        Renew(cache, TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet("p-1", out _));
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("upstream-error")]
    [InlineData("not-found")]
    [InlineData("erased")]
    public void OnlyAFoundFreshReadWithoutAnUpstreamError_IsStored(string kind)
    {
        var cache = SettledCache();
        var read = kind switch
        {
            "stale" => Found(cache: CacheStatus.Stale),
            "upstream-error" => Found() with { Error = new UpstreamError { Code = "TIMEOUT", Message = "timed out", IsTransient = true } },
            "not-found" => ProfileRead.NotFound(ProfileSource.Upstream),
            _ => ProfileRead.Erased(),
        };

        StoreRead(cache, "p-1", read);

        Assert.False(cache.TryGet("p-1", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AChange_DropsTheCopy()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found());
        StoreRead(cache, "p-2", Found());

        cache.Invalidate(["p-1"]);

        Assert.False(cache.TryGet("p-1", out _));
        Assert.True(cache.TryGet("p-2", out _));
    }

    [Fact]
    public void AChangeThatArrivesWhileTheReadIsOnItsWay_KeepsTheReadFromStoring()
    {
        var cache = SettledCache();
        var miss = cache.BeginMiss("p-1");

        cache.Invalidate(["p-1"]);
        cache.EndMiss(miss, Found());

        Assert.NotNull(miss);
        Assert.False(cache.TryGet("p-1", out _));
    }

    [Fact]
    public void OnlyOneReadOfAProfile_MayStoreAtATime()
    {
        var cache = SettledCache();
        var first = cache.BeginMiss("p-1");
        var second = cache.BeginMiss("p-1");
        cache.EndMiss(first, Found());
        var third = cache.BeginMiss("p-1");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
        cache.EndMiss(third, null);
        Assert.True(cache.TryGet("p-1", out _));
    }

    [Fact]
    public void WhenRenewalsLapseForTwoIntervals_TheCacheStopsServing()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found());

        _clock.Advance(ReadCacheRegistration.RenewalInterval * 2 - TimeSpan.FromMilliseconds(100));
        Assert.True(cache.TryGet("p-1", out _));
        _clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.False(cache.IsServing);
        Assert.False(cache.TryGet("p-1", out _));
        Assert.Null(cache.BeginMiss("p-2"));
    }

    [Fact]
    public void ANewToken_EmptiesTheCache_AndKeepsReadsOnTheirWayFromStoring()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found());
        var onItsWay = cache.BeginMiss("p-2");

        cache.Registered(Guid.NewGuid(), _clock.GetTimestamp());
        cache.EndMiss(onItsWay, Found());

        Assert.False(cache.TryGet("p-1", out _));
        Assert.False(cache.TryGet("p-2", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AfterLeavingTheRegistry_NothingIsServedOrStored()
    {
        var cache = SettledCache();
        StoreRead(cache, "p-1", Found());
        var onItsWay = cache.BeginMiss("p-2");

        cache.StopServing();
        cache.EndMiss(onItsWay, Found());

        Assert.False(cache.IsServing);
        Assert.False(cache.TryGet("p-1", out _));
        Assert.Null(cache.BeginMiss("p-3"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TheCopiesStayWithinTheirMemoryLimit()
    {
        var cache = SettledCache(maxMegabytes: 1);
        var json = new byte[2_000];
        for (var i = 0; i < 2_000; i++)
        {
            StoreRead(cache, $"p-{i}", Found() with { ProfileJson = json });
        }

        Assert.InRange(cache.Count, 100, 1024 * 1024 / json.Length);
    }

    [Fact]
    public void TheValidator_NamesTheSettingAndItsVariable()
    {
        var validator = new ReadCacheOptionsValidator();

        var lease = validator.Validate(null, new ReadCacheOptions { Lease = TimeSpan.Zero });
        var size = validator.Validate(null, new ReadCacheOptions { MaxMegabytes = 0 });

        Assert.Contains("ReadCache__Lease", lease.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ReadCache__MaxMegabytes", size.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new ReadCacheOptions()).Succeeded);
    }

    private ProfileReadCache NewCache(int maxMegabytes = 64) =>
        new(Options.Create(new ReadCacheOptions { Lease = Lease, MaxMegabytes = maxMegabytes }), _clock, _services.GetRequiredService<IMeterFactory>());

    private ProfileReadCache SettledCache(int maxMegabytes = 64)
    {
        var cache = NewCache(maxMegabytes);
        cache.Registered(_token, _clock.GetTimestamp());
        Renew(cache, Settled);
        return cache;
    }

    /// <summary>Lets time pass while the registration is renewed, as the registration service does.</summary>
    private void Renew(ProfileReadCache cache, TimeSpan duration)
    {
        var step = ReadCacheRegistration.RenewalInterval;
        for (var left = duration; left > TimeSpan.Zero; left -= step)
        {
            _clock.Advance(left < step ? left : step);
            cache.Registered(_token, _clock.GetTimestamp());
        }
    }

    private static void StoreRead(ProfileReadCache cache, string profileId, ProfileRead read)
    {
        var miss = cache.BeginMiss(profileId);
        Assert.NotNull(miss);
        cache.EndMiss(miss, read);
    }

    private ProfileRead Found(CacheStatus cache = CacheStatus.Hit, ProfileSource source = ProfileSource.Memory, TimeSpan? freshFor = null) => new()
    {
        Outcome = ProfileReadOutcome.Found,
        Cache = cache,
        Source = source,
        FetchedAt = _clock.GetUtcNow(),
        FreshUntil = _clock.GetUtcNow() + (freshFor ?? TimeSpan.FromHours(24)),
        ContentHash = "abc",
        ProfileJson = "{\"id\":\"p\"}"u8.ToArray(),
    };
}

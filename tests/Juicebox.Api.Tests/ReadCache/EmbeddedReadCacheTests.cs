using Juicebox.ClientApi.ReadCache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Juicebox.Api.Tests.ReadCache;

/// <summary>
/// client-api's read cache in Embedded mode, where the grains run in the same process: it registers with the
/// embedded silo as a Cluster-mode client-api does with the cluster, serves a hot profile without a grain call,
/// and an erasure ends that before it returns. <c>ReadCache:Enabled=false</c> keeps it out.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class EmbeddedReadCacheTests(EmbeddedApiFactory factory) : IDisposable
{
    private static readonly TimeSpan CachedTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _caller = factory.CreateAuthorizedClient();
    private readonly HttpClient _eraser = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _caller.Dispose();
        _eraser.Dispose();
    }

    [Fact]
    public async Task AHotProfile_IsHeldInClientApisReadCache_AndAnErasureDropsItBeforeItReturns()
    {
        var id = factory.NextProfileId();
        var cache = factory.Services.GetRequiredService<ProfileReadCache>();
        List<HttpStatusCode> reads = [];

        // The cache stores copies once its registration with the silo has settled (a second or two after start).
        await Eventually.WaitForAsync(
            async token =>
            {
                using var read = await _caller.GetAsync($"/api/v1/profiles/{id}", token);
                reads.Add(read.StatusCode);
                return cache.TryGet(id, out _);
            },
            CachedTimeout,
            $"a copy of {id} in client-api's read cache",
            Cancellation);
        using (var cached = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal("hit", cached.Headers.GetValues("X-Cache").Single());
        }

        using var erased = await _eraser.DeleteAsync($"/api/v1/profiles/{id}", Cancellation);
        var heldAfterErasure = cache.TryGet(id, out _);
        using var afterErasure = await _caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);

        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.False(heldAfterErasure, "the erased profile's copy was still in the read cache after the erasure returned");
        Assert.Equal(HttpStatusCode.Gone, afterErasure.StatusCode);
    }

    [Fact]
    public async Task WithTheReadCacheOff_NothingRegistersAndNothingIsHeld()
    {
        await using var off = new EmbeddedApiFactory().WithSetting("ReadCache:Enabled", "false");
        using var caller = off.CreateAuthorizedClient();
        var id = off.NextProfileId();

        using var first = await caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        using var second = await caller.GetAsync($"/api/v1/profiles/{id}", Cancellation);
        var cache = off.Services.GetRequiredService<ProfileReadCache>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.DoesNotContain(off.Services.GetServices<IHostedService>(), service => service is ReadCacheRegistrationService);
        Assert.Contains(factory.Services.GetServices<IHostedService>(), service => service is ReadCacheRegistrationService);
        Assert.False(cache.IsServing);
        Assert.Equal(0, cache.Count);
    }
}

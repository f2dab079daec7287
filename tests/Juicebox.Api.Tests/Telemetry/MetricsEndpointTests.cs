using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests.Telemetry;

[Collection(TelemetryApiCollection.Name)]
public sealed class MetricsEndpointTests(TelemetryApiFactory factory) : IDisposable
{
    private const string ProfileReads = "juicebox_profile_reads_total";
    private const string UpstreamCalls = "juicebox_upstream_calls_total";
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task AMissThenAHit_CountOneReadEach_InTheirOwnSeries_AndOneUpstreamCall()
    {
        var id = factory.NextProfileId();
        var miss = new[] { ("outcome", "found"), ("cache", "miss"), ("source", "upstream") };
        var hit = new[] { ("outcome", "found"), ("cache", "hit"), ("source", "memory") };
        var profileCall = new[] { ("method", "GET"), ("endpoint", "/profiles/{id}"), ("status_code", "200") };
        var before = await ScrapeAsync();

        using (var first = await _client.GetAsync($"/api/v1/profiles/{id}", Cancellation))
        using (var second = await _client.GetAsync($"/api/v1/profiles/{id}", Cancellation))
        {
            Assert.Equal("miss", first.Headers.GetValues("X-Cache").Single());
            Assert.Equal("hit", second.Headers.GetValues("X-Cache").Single());
        }

        // The exporter may answer a scrape from its short cache: wait for one taken after the reads.
        var after = await ScrapeUntilAsync(
            scrape => scrape.Value(ProfileReads, hit) > before.Value(ProfileReads, hit),
            "a scrape that counts the hit");
        Assert.Equal(1, after.Value(ProfileReads, miss) - before.Value(ProfileReads, miss));
        Assert.Equal(1, after.Value(ProfileReads, hit) - before.Value(ProfileReads, hit));
        Assert.Equal(1, after.Value(UpstreamCalls, profileCall) - before.Value(UpstreamCalls, profileCall));
        Assert.Equal(
            after.Value(UpstreamCalls, profileCall),
            after.Value("juicebox_upstream_call_duration_seconds_count", profileCall));
        Assert.DoesNotContain(id, after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AreServedWithoutAKey_WithOrleansRequestAndBudgetMetrics()
    {
        using (var read = await _client.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/metrics", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = await ScrapeUntilAsync(
            scrape => scrape.Value("http_server_request_duration_seconds_count", ("http_route", "api/v1/profiles/{id}")) > 0,
            "ASP.NET Core's request metrics of GET /api/v1/profiles/{id}");
        Assert.True(scrape.Has("orleans_catalog_activations"), "Orleans' own meter is exported");
        Assert.True(scrape.Has("orleans_app_requests_latency_milliseconds_count"), "Orleans' grain-call latency is exported");
        Assert.Equal(60_000, scrape.Value("juicebox_upstream_ratelimit_limit"));
        Assert.True(scrape.Has("juicebox_upstream_ratelimit_remaining"), "the budget's headroom is exported");
        Assert.True(scrape.Value("juicebox_upstream_requests_today") >= 1, "the budget counts today's requests");
        Assert.True(scrape.Has("juicebox_enrichment_held_profiles"), "the workers' held profiles are exported");
    }

    [Fact]
    public async Task PerRequestInstrumentsNobodyReads_AreLeftDisabled_WhileEveryRequestIsStillTimed()
    {
        var hostMeters = factory.Services.GetRequiredService<IMeterFactory>();
        var published = new ConcurrentDictionary<Instrument, bool>();
        using var listener = new MeterListener
        {
            // Never enables anything itself: Enabled then says whether the host's metrics pipeline listens.
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, hostMeters))
                {
                    published[instrument] = true;
                }
            },
        };
        listener.Start();

        // Routed, authenticated and rate-limited like any read, but answered before a grain is called: the
        // other tests here count reads and upstream calls between scrapes, which the exporter may cache.
        using (var refused = await _client.GetAsync("/api/v1/profiles/not%20an%20id", Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var unread = published.Keys.Where(UnreadInstruments.IsUnread).ToList();
        Assert.Contains(unread, instrument => instrument.Name == "aspnetcore.routing.match_attempts");
        Assert.Contains(unread, instrument => instrument.Name == "aspnetcore.authentication.authenticate.duration");
        Assert.All(unread, instrument => Assert.False(instrument.Enabled, $"{instrument.Meter.Name}/{instrument.Name} is still recorded"));
        Assert.Contains(published.Keys, instrument => instrument.Name == "http.server.request.duration" && instrument.Enabled);
    }

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var client = factory.CreateClient();
        return PrometheusScrape.Parse(await client.GetStringAsync("/metrics", Cancellation));
    }

    private async Task<PrometheusScrape> ScrapeUntilAsync(Func<PrometheusScrape, bool> condition, string awaited)
    {
        var deadline = DateTimeOffset.UtcNow + ScrapeTimeout;
        var scrape = await ScrapeAsync();
        while (!condition(scrape))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {ScrapeTimeout} for {awaited}; the last scrape was:\n{scrape.Text}");
            await Task.Delay(100, Cancellation);
            scrape = await ScrapeAsync();
        }

        return scrape;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// A client's request rate and enrichment allowance hold across two client-api replicas in Cluster
/// mode (processes on PostgreSQL): the counts live in the cluster, not in each replica.
/// </summary>
public sealed class ClientFairShareClusterTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 1, clientApis: 2)
{
    private const int RequestsPerMinute = 200;
    private const int BatchSize = RequestsPerMinute / 50;
    private const int EnrichmentsPerMonth = 4;
    private const int Workers = 4;
    private const string SoloKey = "e2e-solo-client-key";
    private const string SpreadKey = "e2e-spread-client-key";
    private const string MeteredKey = "e2e-metered-client-key";
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _jobTimeout = TimeSpan.FromSeconds(60);

    private static readonly string _rate = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);

    protected override ClusterTopologyOptions Options => new()
    {
        HostSettings = new Dictionary<string, string?>
        {
            ["Api__Clients__solo__Key"] = SoloKey,
            ["Api__Clients__solo__Scopes__0"] = "profiles:read",
            ["Api__Clients__solo__RequestsPerMinute"] = _rate,
            ["Api__Clients__spread__Key"] = SpreadKey,
            ["Api__Clients__spread__Scopes__0"] = "profiles:read",
            ["Api__Clients__spread__RequestsPerMinute"] = _rate,
            ["Api__Clients__metered__Key"] = MeteredKey,
            ["Api__Clients__metered__Scopes__0"] = "enrich",
            ["Api__Clients__metered__EnrichmentsPerMonth"] = EnrichmentsPerMonth.ToString(CultureInfo.InvariantCulture),
        },
    };

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task TheRequestRate_AndTheEnrichmentAllowance_HoldOverTwoReplicas()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var replicas = Topology.ClientApis;
        Assert.Equal(2, replicas.Count);

        // Enrichments: three through one replica, then three more through the other, of which one fits.
        using var meteredA = Client(replicas[0], MeteredKey);
        using var meteredB = Client(replicas[1], MeteredKey);
        var first = await SubmitAsync(meteredA, [Topology.NextProfileId(), Topology.NextProfileId(), Topology.NextProfileId()], cancellationToken);
        var second = await SubmitAsync(meteredB, [Topology.NextProfileId(), Topology.NextProfileId(), Topology.NextProfileId()], cancellationToken);
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(1, second.GetProperty("accepted").GetInt32());
        Assert.All(second.GetProperty("rejected").EnumerateArray(), rejected =>
            Assert.Contains("allowance", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal));
        var done = await DoneWhenFinishedAsync(meteredA, first, cancellationToken) + await DoneWhenFinishedAsync(meteredB, second, cancellationToken);
        using var operatorB = replicas[1].CreateOperatorClient(_requestTimeout);
        var used = (await operatorB.GetFromJsonAsync<JsonElement>("api/v1/operator/clients", cancellationToken))
            .GetProperty("clients").EnumerateArray().Single(client => client.GetProperty("name").GetString() == "metered")
            .GetProperty("enrichmentsThisMonth").GetInt32();
        Assert.Equal(done, used);

        // Requests: one client through one replica, another through both, in the same UTC minute.
        var profileUrl = $"api/v1/profiles/{Topology.NextProfileId()}";
        await WaitForEarlyInAMinuteAsync(cancellationToken);
        var minute = DateTimeOffset.UtcNow.Minute;
        var solo = await BurstAsync([replicas[0]], SoloKey, profileUrl, cancellationToken);
        var spread = await BurstAsync(replicas, SpreadKey, profileUrl, cancellationToken);
        Assert.Equal(minute, DateTimeOffset.UtcNow.Minute);

        TestReport.Write(
            $"Requests per minute, limit {RequestsPerMinute} (batch {BatchSize}), {RequestsPerMinute + 50} sent by {Workers} workers: "
            + $"1 replica admitted {solo.Admitted} (429: {solo.Refused}); 2 replicas admitted {spread.Admitted} (429: {spread.Refused}).");
        Assert.Equal(RequestsPerMinute, solo.Admitted);
        Assert.InRange(spread.Admitted, RequestsPerMinute - BatchSize, RequestsPerMinute);
        Assert.Equal(RequestsPerMinute + 50, solo.Admitted + solo.Refused);
        Assert.Equal(RequestsPerMinute + 50, spread.Admitted + spread.Refused);
    }

    private HttpClient Client(JuiceboxHost replica, string key)
    {
        var client = new HttpClient { BaseAddress = replica.HttpAddress, Timeout = _requestTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Sends limit + 50 reads from <see cref="Workers"/> workers, each going round the replicas; any answer but 200 or 429 fails.</summary>
    private async Task<(int Admitted, int Refused)> BurstAsync(IReadOnlyList<JuiceboxHost> replicas, string key, string url, CancellationToken cancellationToken)
    {
        var clients = replicas.Select(replica => Client(replica, key)).ToList();
        try
        {
            var remaining = RequestsPerMinute + 50;
            var admitted = 0;
            var refused = 0;
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(
                async () =>
                {
                    for (var i = worker; Interlocked.Decrement(ref remaining) >= 0; i++)
                    {
                        using var response = await clients[i % clients.Count].GetAsync(url, cancellationToken);
                        switch (response.StatusCode)
                        {
                            case HttpStatusCode.OK:
                                Interlocked.Increment(ref admitted);
                                break;
                            case HttpStatusCode.TooManyRequests:
                                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                                Interlocked.Increment(ref refused);
                                break;
                            default:
                                Assert.Fail($"A read answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                                break;
                        }
                    }
                },
                cancellationToken)));
            return (admitted, refused);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient client, string[] ids, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/v1/enrichments", new { profileIds = ids }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"the job should be accepted: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<int> DoneWhenFinishedAsync(HttpClient client, JsonElement accepted, CancellationToken cancellationToken)
    {
        var url = accepted.GetProperty("statusUrl").GetString()!.TrimStart('/');
        JsonElement progress = default;
        await Eventually.WaitForAsync(
            async token =>
            {
                progress = await client.GetFromJsonAsync<JsonElement>(url, token);
                return progress.TryGetProperty("finishedAt", out var finished) && finished.ValueKind != JsonValueKind.Null;
            },
            _jobTimeout,
            $"enrichment job {url} to finish",
            cancellationToken);
        return progress.GetProperty("done").GetInt32();
    }

    /// <summary>Waits (at most 16 s) until the clock is in the first 44 s of a UTC minute, the window of the request limit.</summary>
    private static async Task WaitForEarlyInAMinuteAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 44)
        {
            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond) + TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}

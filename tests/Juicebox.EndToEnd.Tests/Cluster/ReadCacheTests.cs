using System.Net;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Juicebox.EndToEnd.Tests.Cluster;

/// <summary>
/// client-api's read cache, as processes on PostgreSQL: a hot profile is answered from client-api's memory, and
/// once an erasure returned, no read through client-api gets the erased copy.
/// </summary>
public sealed partial class ReadCacheTests(PostgresFixture postgres) : ClusterTopologyTestBase(postgres, silos: 1, clientApis: 1)
{
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _cachedTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public Task AHotProfile_IsServedFromClientApisMemory_AndAnErasureEndsThatBeforeItReturns() =>
        AssertServedFromReadCacheUntilErasedAsync(Topology, Topology.ClientApis.Single(), TestContext.Current.CancellationToken);

    /// <summary>
    /// Reads a new profile through <paramref name="host"/> until its read cache answers it (its metrics count a hit), then
    /// erases it there: one upstream call, hits from memory, and a 410 right after the erasure returned.
    /// </summary>
    internal static async Task AssertServedFromReadCacheUntilErasedAsync(ClusterTopology topology, JuiceboxHost host, CancellationToken cancellationToken)
    {
        using var api = host.CreateApiClient(_requestTimeout);
        using var operatorApi = host.CreateOperatorClient(_requestTimeout);
        var metrics = new Uri(host.HttpAddress, "metrics");
        var id = topology.NextProfileId();
        var upstreamBefore = await topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken);

        // client-api stores copies only once its registration with the cluster has settled (a second or two after start).
        List<ProfileResponse> reads = [];
        await Eventually.WaitForAsync(
            async token =>
            {
                reads.Add(await api.GetProfileAsync(id, token));
                return CacheHits(await api.GetStringAsync(metrics, token)) > 0;
            },
            _cachedTimeout,
            $"a read of {id} answered from {host.Name}'s read cache (juicebox_read_cache_lookups_total, result hit, at {metrics})",
            cancellationToken);
        var upstreamCalls = await topology.Upstream.CountCallsAsync(ClusterTopology.UpstreamProfileCall, cancellationToken) - upstreamBefore;

        using var erasure = await operatorApi.DeleteAsync($"api/v1/profiles/{id}", cancellationToken);
        var afterErasure = await api.GetProfileAsync(id, cancellationToken);
        var metricsAfter = await api.GetStringAsync(metrics, cancellationToken);

        Assert.All(reads, read => Assert.True(read.IsOk, read.ToString()));
        Assert.All(reads.Skip(1), read => Assert.Equal(("hit", "memory"), (read.Cache, read.Source)));
        Assert.Equal(1, upstreamCalls);
        Assert.Equal(HttpStatusCode.NoContent, erasure.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, afterErasure.Status);
        Assert.True(Invalidations(metricsAfter) >= 1, $"{host.Name} was told of no change:{Environment.NewLine}{metricsAfter}");
    }

    private static double CacheHits(string metrics) => Sum(LookupHits(), metrics);

    private static double Invalidations(string metrics) => Sum(InvalidationCount(), metrics);

    private static double Sum(Regex pattern, string metrics) =>
        pattern.Matches(metrics).Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^juicebox_read_cache_lookups_total\{[^}]*result="hit"[^}]*\} (?<value>[0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex LookupHits();

    [GeneratedRegex("""^juicebox_read_cache_invalidations_total(\{[^}]*\})? (?<value>[0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex InvalidationCount();
}

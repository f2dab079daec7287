using System.Diagnostics;
using Juicebox.Client;
using Juicebox.Client.Errors;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains.Upstream;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// Two silos, real time, a sandbox key of 120 requests a minute: concurrent cold profile reads and
/// background enrichments from both silos go through the one budget and never draw a 429.
/// </summary>
[Collection(PacedClusterCollection.Name)]
public sealed class UpstreamPacingTests(PacedClusterFixture fixture)
{
    private const int ColdReads = 40;
    private const int EnrichBatches = 8;
    private const int IdsPerBatch = 3;
    private static readonly TimeSpan _limitInterval = TimeSpan.FromMinutes(1) / PacedClusterFixture.RequestsPerMinute;
    private static readonly TimeSpan _giveUpAfter = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentColdReadsAndEnrichments_FromTwoSilos_ArePacedToTheKeysLimit_WithoutA429()
    {
        var budget = fixture.Grains.GetUpstreamBudgetGrain();
        var learned = await budget.WaitForSnapshotAsync(
            snapshot => snapshot.UsageLearnedAt is not null && snapshot.Plan is not null,
            "the budget to read GET /usage and GET /auth/me");
        var before = await fixture.Upstream.GetStatsAsync(Cancellation);
        var sendsBefore = fixture.Sends.Count;

        var stopwatch = Stopwatch.StartNew();
        var reads = Enumerable.Range(0, ColdReads).Select(_ => ReadUntilFoundAsync(fixture.NextProfileId())).ToList();
        var enrichments = Enumerable.Range(0, EnrichBatches)
            .Select(batch => EnrichUntilDoneAsync(fixture.JuiceboxClientOfSilo(batch), [.. Enumerable.Range(0, IdsPerBatch).Select(_ => fixture.NextProfileId())]))
            .ToList();
        var throttledReads = await Task.WhenAll(reads);
        var throttledEnrichments = await Task.WhenAll(enrichments);
        var elapsed = stopwatch.Elapsed;

        var after = await fixture.Upstream.GetStatsAsync(Cancellation);
        var snapshot = await budget.GetSnapshotAsync();
        var sends = fixture.Sends.Skip(sendsBefore).Select(send => send.SentAt).Order().ToList();
        var calls = ColdReads + EnrichBatches;
        var perMinuteObserved = (sends.Count - 1) / (sends[^1] - sends[0]).TotalMinutes;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{sends.Count} calls in {elapsed.TotalSeconds:0.0} s: {perMinuteObserved:0.0} a minute against a limit of {PacedClusterFixture.RequestsPerMinute}; " +
            $"{throttledReads.Sum()} reads and {throttledEnrichments.Sum()} enrichments were told to come back later.");

        Assert.Equal(("pro", PacedClusterFixture.RequestsPerMinute), (learned.Plan, learned.RequestsPerMinute));
        Assert.Equal(0, Delta(before.Statuses, after.Statuses, "429"));
        Assert.Equal((0L, 0L), (snapshot.RateLimitedResponses, snapshot.QuotaExceededResponses));
        Assert.Equal(ColdReads, Delta(before.Calls, after.Calls, "GET /profiles/{id}"));
        Assert.Equal(EnrichBatches, Delta(before.Calls, after.Calls, "POST /enrich/batch"));
        Assert.Equal(calls, sends.Count);

        // 48 callers asked at once and only about ten slots fit in the wait an interactive call may have.
        Assert.True(throttledReads.Sum() > 0, "Some reads should have been told to come back later.");

        // Paced, any k + 1 consecutive calls span at least k intervals of the limit (less a second for
        // timer and scheduling jitter); sent as they came, all 48 would leave within a moment.
        const int k = 20;
        for (var first = 0; first + k < sends.Count; first++)
        {
            var span = sends[first + k] - sends[first];
            Assert.True(span >= k * _limitInterval - TimeSpan.FromSeconds(1), $"Calls {first}..{first + k} left within {span.TotalSeconds:0.00} s.");
        }

        Assert.True(sends[^1] - sends[0] >= (calls - 1) * _limitInterval - TimeSpan.FromSeconds(1));
    }

    /// <summary>Reads a cold profile as an API client would, honouring Retry-After when the budget says no; returns how often it did.</summary>
    private async Task<int> ReadUntilFoundAsync(string id)
    {
        var grain = fixture.Grains.GetProfileGrain(id);
        var stopwatch = Stopwatch.StartNew();
        var throttled = 0;
        while (true)
        {
            var read = await grain.GetAsync();
            if (read.Outcome == ProfileReadOutcome.Found)
            {
                return throttled;
            }

            Assert.Equal(ProfileReadOutcome.Unavailable, read.Outcome);
            Assert.Equal(JuiceboxThrottledException.ErrorCode, read.Error!.Code);
            Assert.True(read.Error.IsTransient);
            Assert.True(stopwatch.Elapsed < _giveUpAfter, $"Profile {id} was still throttled after {_giveUpAfter}.");
            throttled++;
            await Task.Delay(read.Error.RetryAfter!.Value + TimeSpan.FromMilliseconds(20), Cancellation);
        }
    }

    /// <summary>Enriches a batch as the enrichment workers do: in a background scope, retrying when throttled.</summary>
    private static async Task<int> EnrichUntilDoneAsync(IJuiceboxClient client, IReadOnlyCollection<string> ids)
    {
        var stopwatch = Stopwatch.StartNew();
        var throttled = 0;
        while (true)
        {
            try
            {
                using (UpstreamCallScope.Background(ids.Count))
                {
                    var response = await client.EnrichBatchAsync(ids, Cancellation);
                    Assert.Equal(ids.Count, response.Value.Profiles.Count);
                    return throttled;
                }
            }
            catch (JuiceboxThrottledException exception) when (stopwatch.Elapsed < _giveUpAfter)
            {
                Assert.False(exception.QuotaExhausted, exception.Reason);
                throttled++;
                await Task.Delay(exception.RetryAfter!.Value + TimeSpan.FromMilliseconds(20), Cancellation);
            }
        }
    }

    private static int Delta(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after, string key) =>
        after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
}

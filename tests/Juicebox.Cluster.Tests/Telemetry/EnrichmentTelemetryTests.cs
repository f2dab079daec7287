using System.Diagnostics.Metrics;
using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains.Enrichment;
using PostgresStreams;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Juicebox.Cluster.Tests.Telemetry;

/// <summary>The Juicebox meter of a silo on PostgreSQL queues: what a job counts, and what the gauges report.</summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class EnrichmentTelemetryTests(EnrichmentClusterFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IServiceProvider Silo => cluster.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public async Task AFinishedJob_IsCountedByStatusAndBatch_AndTheBudgetAndQueueGaugesReportTheClustersState()
    {
        var meters = Silo.GetRequiredService<IMeterFactory>();
        using var items = new MetricCollector<long>(meters, JuiceboxMetrics.MeterName, "juicebox.enrichment.items");
        using var batches = new MetricCollector<int>(meters, JuiceboxMetrics.MeterName, "juicebox.enrichment.batch.size");
        var coordinator = cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
        var ids = cluster.NextProfileIds(5);

        var job = await EnrichmentJobs.WaitForAsync(coordinator, (await coordinator.SubmitAsync(ids)).JobId, p => p.IsFinished, "the job finished", Timeout);

        Assert.Equal(5, job.Done);
        Assert.Equal(5, items.GetMeasurementSnapshot().Where(m => Equals(m.Tags["status"], "done")).Sum(m => m.Value));
        Assert.Equal(5, batches.GetMeasurementSnapshot().Sum(m => m.Value));

        var budget = cluster.Grains.GetUpstreamBudgetGrain();
        await EventuallyAsync(async () => Matches(await budget.GetSnapshotAsync(), meters), "the budget gauges to report the budget grain's state");
        Assert.Equal(6_000, Gauge<long>(meters, "juicebox.upstream.ratelimit.limit"));
        Assert.Equal(1_000_000, Gauge<long>(meters, "juicebox.upstream.enrichments.quota"));
        Assert.True(Gauge<long>(meters, "juicebox.upstream.enrichments.used") >= 5, "the enrichments of the job are spent");

        var queue = Silo.GetRequiredKeyedService<PostgresStreamQueueAdmin>(EnrichmentStream.ProviderName);
        await EventuallyAsync(
            async () =>
            {
                var statistics = await queue.GetStatisticsAsync(Cancellation);
                return Gauge<long>(meters, "juicebox.enrichment.queue.ready") == statistics.Ready
                    && Gauge<long>(meters, "juicebox.enrichment.queue.in_flight") == statistics.InFlight
                    && Gauge<long>(meters, "juicebox.enrichment.queue.dead_letters") == statistics.DeadLetters;
            },
            "the queue gauges to report the counts of the PostgreSQL queue");
    }

    private static bool Matches(UpstreamBudgetSnapshot snapshot, IMeterFactory meters) =>
        Gauge<long>(meters, "juicebox.upstream.ratelimit.limit") == snapshot.RequestsPerMinute
        && Gauge<long>(meters, "juicebox.upstream.requests.today") == snapshot.GrantedToday
        && Gauge<long>(meters, "juicebox.upstream.enrichments.used") == snapshot.EnrichmentsUsed
        && Gauge<long>(meters, "juicebox.upstream.enrichments.quota") == snapshot.EnrichmentsPerMonth;

    /// <summary>The gauge's value now, or null when this silo reports none.</summary>
    private static T? Gauge<T>(IMeterFactory meters, string name)
        where T : struct
    {
        using var collector = new MetricCollector<T>(meters, JuiceboxMetrics.MeterName, name);
        collector.RecordObservableInstruments();
        return collector.LastMeasurement?.Value;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string awaited)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {Timeout} for {awaited}.");
            await Task.Delay(100, Cancellation);
        }
    }
}

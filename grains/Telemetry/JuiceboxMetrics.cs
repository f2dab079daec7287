using System.Diagnostics;
using System.Diagnostics.Metrics;
using Juicebox.GrainInterfaces.Search;
using Juicebox.GrainInterfaces.Upstream;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// The cluster's own instruments, on the meter <see cref="MeterName"/>. Every tag has a handful of
/// values (cache states, path templates, status codes): never an id, a name or anything a caller sent.
/// </summary>
public sealed class JuiceboxMetrics
{
    public const string MeterName = "Juicebox";

    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly IReadOnlyList<int> BatchBuckets = [1, 2, 5, 10, 20, 50, 100];

    // Fine below 10 ms, where an activation from PostgreSQL normally lands, so percentiles read off the buckets are close.
    private static readonly IReadOnlyList<double> ActivationBuckets =
        [0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Counter<long> _profileReads;
    private readonly Counter<long> _searchReads;
    private readonly Counter<long> _upstreamCalls;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _upstreamThrottled;
    private readonly Counter<long> _enrichmentItems;
    private readonly Histogram<int> _enrichmentBatchSize;
    private readonly Histogram<double> _profileActivation;
    private readonly UpDownCounter<long> _profileHeldJson;

    public JuiceboxMetrics(IMeterFactory meterFactory, UpstreamBudgetGauges budget, EnrichmentQueueGauges queue, EnrichmentWorkerGauges workers)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Budget = budget;
        Workers = workers;
        var meter = meterFactory.Create(MeterName);

        _profileReads = meter.CreateCounter<long>(
            "juicebox.profile.reads", "{read}", "Profile grain reads by outcome, cache status (hit, miss, stale) and source (memory, storage, upstream).");
        _searchReads = meter.CreateCounter<long>(
            "juicebox.search.reads", "{read}", "Search grain reads by outcome and cache status (hit, miss).");
        _upstreamCalls = meter.CreateCounter<long>(
            "juicebox.upstream.calls", "{call}", "Calls sent to the Juicebox API, one per attempt, by method, endpoint template and status code ('error': no answer).");
        _upstreamDuration = meter.CreateHistogram(
            "juicebox.upstream.call.duration", "s", "Time from sending a call to the Juicebox API to its answer's headers.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _upstreamThrottled = meter.CreateCounter<long>(
            "juicebox.upstream.throttled", "{call}", "Upstream calls not sent because the cluster's budget had no room, by priority and reason (pace, quota, budget_unavailable).");
        _enrichmentItems = meter.CreateCounter<long>(
            "juicebox.enrichment.items", "{profile}", "Enrichment items settled, by status (done, skipped, failed).");
        _enrichmentBatchSize = meter.CreateHistogram(
            "juicebox.enrichment.batch.size", "{profile}", "Profiles per upstream enrichment call.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _profileActivation = meter.CreateHistogram(
            "juicebox.profile.activation.duration", "s",
            "Time from creating a profile grain to its activation being done, state read included, by whether storage held a profile (stored, empty).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivationBuckets });
        _profileHeldJson = meter.CreateUpDownCounter<long>(
            "juicebox.profile.held_json", "By", "Bytes of rendered profile JSON the silo's profile grains hold, as held (packed).");

        meter.CreateObservableGauge("juicebox.upstream.ratelimit.limit", () => Observe(budget.Snapshot?.RequestsPerMinute),
            "{request}", "Requests a minute the upstream key allows (as the budget paces to it).");
        meter.CreateObservableGauge("juicebox.upstream.ratelimit.remaining", () => Observe(budget.Remaining),
            "{request}", "Requests left in the upstream's current minute window.");
        meter.CreateObservableGauge("juicebox.upstream.requests.today", () => Observe(budget.Snapshot?.GrantedToday),
            "{request}", "Upstream requests spent in the current UTC day.");
        meter.CreateObservableGauge("juicebox.upstream.requests.daily_limit", () => Observe(budget.Snapshot?.RequestsPerDay),
            "{request}", "The upstream key's requests a day, when known.");
        meter.CreateObservableGauge("juicebox.upstream.enrichments.used", () => Observe(budget.Snapshot?.EnrichmentsUsed),
            "{profile}", "Enrichments spent in the current quota period.");
        meter.CreateObservableGauge("juicebox.upstream.enrichments.quota", () => Observe(budget.Snapshot?.EnrichmentsPerMonth),
            "{profile}", "The upstream key's enrichments a period, when known and limited.");
        meter.CreateObservableGauge("juicebox.upstream.blocked", () => Observe(budget.Blocked),
            null, "1 while the budget holds upstream calls back (a pause, a spent quota, a booked pace), else 0.");

        meter.CreateObservableGauge("juicebox.enrichment.queue.ready", () => Observe(queue.Read()?.Ready),
            "{request}", "Enrichment requests queued in PostgreSQL and ready for a worker (Cluster mode; reported by one silo).");
        meter.CreateObservableGauge("juicebox.enrichment.queue.in_flight", () => Observe(queue.Read()?.InFlight),
            "{request}", "Enrichment requests a worker holds, or deferred, and not yet acknowledged (Cluster mode; reported by one silo).");
        meter.CreateObservableGauge("juicebox.enrichment.queue.dead_letters", () => Observe(queue.Read()?.DeadLetters),
            "{request}", "Enrichment requests given up on (Cluster mode; reported by one silo).");
        meter.CreateObservableGauge("juicebox.enrichment.queue.oldest_ready_age", () => Observe(queue.Read() is { } statistics ? statistics.OldestReadyAge?.TotalSeconds ?? 0 : null),
            "s", "How long the oldest ready enrichment request has waited (Cluster mode; reported by one silo).");
        meter.CreateObservableGauge("juicebox.enrichment.held_profiles", () => workers.HeldProfiles,
            "{profile}", "Profiles the enrichment workers on this silo hold in memory (queued behind the budget or in an upstream call).");
    }

    /// <summary>The state the budget gauges report; the budget grain publishes into it.</summary>
    public UpstreamBudgetGauges Budget { get; }

    /// <summary>The held-profile counts the worker gauge sums; the workers report into it.</summary>
    public EnrichmentWorkerGauges Workers { get; }

    internal void ProfileRead(ProfileRead read) => _profileReads.Add(1,
        new KeyValuePair<string, object?>("outcome", Name(read.Outcome)),
        new KeyValuePair<string, object?>("cache", read.Outcome == ProfileReadOutcome.Found ? CacheNames.Of(read.Cache) : "none"),
        new KeyValuePair<string, object?>("source", CacheNames.Of(read.Source)));

    internal void SearchRead(SearchResult result) => _searchReads.Add(1,
        new KeyValuePair<string, object?>("outcome", result.Outcome == SearchOutcome.Found ? "found" : "failed"),
        new KeyValuePair<string, object?>("cache", CacheNames.Of(result.Cache)));

    internal void UpstreamCall(string method, string endpoint, int? statusCode, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "method", method },
            { "endpoint", endpoint },
            { "status_code", statusCode is { } code ? StatusCodeName(code) : "error" },
        };
        _upstreamCalls.Add(1, tags);
        _upstreamDuration.Record(elapsed.TotalSeconds, tags);
    }

    internal void UpstreamThrottled(string endpoint, UpstreamCallPriority priority, string reason) => _upstreamThrottled.Add(1,
        new KeyValuePair<string, object?>("endpoint", endpoint),
        new KeyValuePair<string, object?>("priority", priority == UpstreamCallPriority.Background ? "background" : "interactive"),
        new KeyValuePair<string, object?>("reason", reason));

    internal void EnrichmentItems(string status, int count)
    {
        if (count > 0)
        {
            _enrichmentItems.Add(count, new KeyValuePair<string, object?>("status", status));
        }
    }

    internal void EnrichmentBatch(int profiles) => _enrichmentBatchSize.Record(profiles);

    /// <summary>A profile grain's held JSON grew (or shrank, negative) by <paramref name="bytes"/>.</summary>
    internal void ProfileHeldJsonChanged(long bytes)
    {
        if (bytes != 0)
        {
            _profileHeldJson.Add(bytes);
        }
    }

    internal void ProfileActivated(TimeSpan elapsed, bool stored) =>
        _profileActivation.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("state", stored ? "stored" : "empty"));

    private static IEnumerable<Measurement<long>> Observe(long? value) => value is { } measured ? [new Measurement<long>(measured)] : [];

    private static IEnumerable<Measurement<double>> Observe(double? value) => value is { } measured ? [new Measurement<double>(measured)] : [];

    private static string Name(ProfileReadOutcome outcome) => outcome switch
    {
        ProfileReadOutcome.Found => "found",
        ProfileReadOutcome.NotFound => "not_found",
        ProfileReadOutcome.Erased => "erased",
        _ => "unavailable",
    };

    // Interned for the usual codes, so recording a call allocates no string.
    private static string StatusCodeName(int code) => code switch
    {
        200 => "200",
        404 => "404",
        429 => "429",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

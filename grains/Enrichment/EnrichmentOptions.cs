namespace Juicebox.Grains.Enrichment;

/// <summary>How enrichment work is spread, paid for and retried; bound from the <c>Enrichment</c> section.</summary>
public sealed class EnrichmentOptions
{
    public const string SectionName = "Enrichment";

    /// <summary>
    /// How many streams (and so workers) the work is spread over. A profile always goes to the same
    /// partition, so one worker sees every request for it and pays for it once.
    /// </summary>
    public int Partitions { get; set; } = 8;

    /// <summary>How long an enrichment is good for: a profile enriched more recently is not paid for again.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most profile ids one job may carry.</summary>
    public int MaxJobSize { get; set; } = 50_000;

    /// <summary>How many profiles a worker holds in memory before it defers new requests for <see cref="BacklogDeferral"/>.</summary>
    public int MaxHeldProfilesPerWorker { get; set; } = 2_000;

    /// <summary>How long a request is put back when its worker already holds <see cref="MaxHeldProfilesPerWorker"/>.</summary>
    public TimeSpan BacklogDeferral { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed upstream attempts for one request before it is given up and dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long a request waits through an upstream outage (no connection, timeouts, 5xx, the breaker
    /// open, answers that break the contract) before those failures count toward <see cref="MaxAttempts"/>:
    /// a retry after an outage saves the request, but none is held forever.
    /// </summary>
    public TimeSpan OutageGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first wait after a failed upstream call; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle worker looks for work it can do (after a pause, or newly arrived).</summary>
    public TimeSpan WorkerTick { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long finished jobs are kept for their status endpoints.</summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(7);
}

using System.Diagnostics;
using System.Net.Http.Json;
using Juicebox.Bench.Hosts;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 3: one enrichment job against a plan limit, drained by the cluster's workers through its
/// budget. The ceiling is the limit itself: calls a minute divided by the plan's, with no 429s.
/// </summary>
public static class EnrichmentDrainScenario
{
    public const string EnrichBatchCall = "POST /enrich/batch";

    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<EnrichmentDrainResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var upstream = context.Environment.Upstream;
        await upstream.ResetAsync(cancellationToken);

        using var api = ApiClient(topology);
        context.Step($"{topology.Name}: enriching {settings.DrainProfiles:N0} profiles on a plan of {settings.DrainRequestsPerMinute} calls a minute");
        using var submitted = await api.PostAsJsonAsync(
            "api/v1/enrichments",
            new { profileIds = context.Environment.ProfileIds(0, settings.DrainProfiles) },
            cancellationToken);
        submitted.EnsureSuccessStatusCode();
        var job = await submitted.Content.ReadFromJsonAsync<AcceptedJob>(cancellationToken)
            ?? throw new InvalidOperationException("The enrichment job was accepted without a body.");

        // The sandbox counts calls; polling it often timestamps the first and the last one closely.
        var clock = Stopwatch.StartNew();
        TimeSpan? firstCall = null;
        var lastCall = TimeSpan.Zero;
        var calls = 0;
        var nextProgress = TimeSpan.Zero;
        JobProgress? progress = null;
        var timeout = TimeSpan.FromMinutes(2) + TimeSpan.FromMinutes(1.5 * settings.DrainProfiles / 100.0 / settings.DrainRequestsPerMinute);
        while (progress?.FinishedAt is null)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The enrichment job did not finish within {timeout}; last progress: {progress}");
            }

            var counted = (await upstream.GetStatsAsync(cancellationToken)).Calls.GetValueOrDefault(EnrichBatchCall);
            if (counted > calls)
            {
                firstCall ??= clock.Elapsed;
                lastCall = clock.Elapsed;
                calls = counted;
            }

            if (clock.Elapsed >= nextProgress)
            {
                progress = await api.GetFromJsonAsync<JobProgress>($"api/v1/enrichments/{job.JobId}", cancellationToken);
                nextProgress = clock.Elapsed + TimeSpan.FromMilliseconds(500);
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }

        var stats = await upstream.GetStatsAsync(cancellationToken);
        calls = stats.Calls.GetValueOrDefault(EnrichBatchCall);
        var window = lastCall - (firstCall ?? lastCall);
        var perMinute = calls > 1 && window > TimeSpan.Zero ? (calls - 1) / window.TotalMinutes : 0;
        return new EnrichmentDrainResult(
            topology.Name,
            settings.DrainProfiles,
            settings.DrainRequestsPerMinute,
            calls,
            window.TotalSeconds,
            perMinute,
            perMinute / settings.DrainRequestsPerMinute,
            calls == 0 ? 0 : (double)stats.Enrichments.Charged / calls,
            stats.Statuses.GetValueOrDefault("429"),
            (progress.FinishedAt!.Value - progress.CreatedAt).TotalSeconds,
            calls * 60.0 / settings.DrainRequestsPerMinute,
            progress.Done,
            progress.Failed,
            progress.Skipped,
            stats.Enrichments.Charged,
            stats.Enrichments.DistinctProfiles);
    }

    internal static HttpClient ApiClient(BenchTopology topology)
    {
        var http = new HttpClient { BaseAddress = topology.Api.HttpAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", BenchTopology.ApiKey);
        return http;
    }

    internal sealed record AcceptedJob(Guid JobId, int Accepted);

    internal sealed record JobProgress(Guid JobId, DateTimeOffset CreatedAt, int Total, int Done, int Failed, int Skipped, int Pending, DateTimeOffset? FinishedAt);
}

/// <param name="SteadyWindowSeconds">From the first upstream call to the last.</param>
/// <param name="CallsPerMinute">Calls after the first, over that window: the pace the budget held.</param>
/// <param name="ShareOfLimit">CallsPerMinute over the plan's limit.</param>
/// <param name="DrainSeconds">From the job's creation to its end, as the job reports them.</param>
/// <param name="IdealDrainSeconds">The same number of calls, spaced exactly at the plan's limit.</param>
public sealed record EnrichmentDrainResult(
    string Topology,
    int Profiles,
    int RequestsPerMinuteLimit,
    int UpstreamCalls,
    double SteadyWindowSeconds,
    double CallsPerMinute,
    double ShareOfLimit,
    double ProfilesPerCall,
    int Upstream429s,
    double DrainSeconds,
    double IdealDrainSeconds,
    int Done,
    int Failed,
    int Skipped,
    int EnrichmentsCharged,
    int DistinctProfilesCharged);

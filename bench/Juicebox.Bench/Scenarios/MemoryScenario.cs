using System.Diagnostics;
using Juicebox.Bench.Hosts;
using Juicebox.Bench.Reporting;
using Juicebox.LoadGenerator;
using System.Net.Http.Json;
using Npgsql;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 4 and the PostgreSQL half of figure 5. Enriches many profiles, kills the cluster, and on a
/// fresh silo reads them all back: most at the read loads' concurrency, then a few at low concurrency (the
/// cold read from PostgreSQL, next to the storage statement sent directly); the silo's memory before and after
/// gives the cost of a hot enriched profile, its metrics the activation times.
/// </summary>
public static class MemoryScenario
{
    private const int MaxJobSize = 50_000;
    private const int JsonSamples = 100;
    private const string ActivationMetric = "juicebox_profile_activation_duration_seconds";
    private const string HeldJsonMetric = "juicebox_profile_held_json_bytes";
    private static readonly TimeSpan ActivationsSettle = TimeSpan.FromSeconds(3);

    public static async Task<(MemoryResult Memory, ColdPathResult ColdFromStorage)> RunAsync(
        BenchContext context,
        BenchTopology topology,
        CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var ids = context.Environment.ProfileIds(settings.MemoryFirstProfile, settings.MemoryProfiles);
        await EnrichAsync(context, topology, ids, cancellationToken);
        await SettleDatabaseAsync(context, topology, cancellationToken);
        var (stored, storedBytes) = await StorageReadCeiling.MeasureStoredAsync(topology.ConnectionString, cancellationToken);

        context.Step($"{topology.Name}: killing every host; a fresh silo will read {stored:N0} stored profiles from PostgreSQL");
        await topology.KillAndRestartAsync(silos: 1, cancellationToken);
        var silo = topology.Silos.Single();

        // Reads first, so the baseline already holds the code and caches every later read shares, and the
        // cold reads measure reading from PostgreSQL rather than the fresh processes' JIT compiler.
        var warmIds = ids.TakeLast(settings.StorageWarmupReads).ToList();
        await StorageWarmup.RunAsync(context, topology, warmIds, cancellationToken);

        var baseline = await HostDiagnostics.ReadProcessAsync(silo, collect: true, cancellationToken);
        var heldJsonBefore = PrometheusGauge.Read(await HostDiagnostics.ReadMetricsAsync(silo, cancellationToken), HeldJsonMetric);
        var measured = ids.Count - warmIds.Count;

        // The load generator's own warm-up for the cold reads: other stored profiles, read on the connections the cold reads then take.
        var clientWarmIds = ids.Take(measured).Skip(settings.ColdReads).Take(settings.ColdClientWarmupReads).ToList();

        // The rest first, so the cold reads meet a silo that holds many profiles and has run under load for a while.
        var others = ids.Take(measured).Skip(settings.ColdReads + clientWarmIds.Count).ToList();
        var restPerSecond = 0.0;
        if (others.Count > 0)
        {
            context.Step($"{topology.Name}: activating the other {others.Count:N0} profiles, {settings.Connections} connections");
            var rest = await context.Load.RunAsync(StoredReads(topology, context.Load.WriteIds("memory", others), settings), cancellationToken);
            HotReadsScenario.EnsureAllSucceeded(rest, "activating stored profiles");
            restPerSecond = rest.RequestsPerSecond;
        }

        // As the baseline did for the warming reads: the profiles just activated move to the old generation
        // now, in a full collection of each server, instead of in the collections of the cold reads' window.
        foreach (var server in topology.Servers)
        {
            await HostDiagnostics.ReadProcessAsync(server, collect: true, cancellationToken);
        }

        var (idleCores, idleBytesPerSecond) = await IdleCostAsync(topology, cancellationToken);
        var coldIds = context.Load.WriteIds("cold-storage", ids.Take(settings.ColdReads));
        var coldPlan = ColdUpstreamScenario.ColdReads(topology.Api.HttpAddress, HotReadsScenario.ProfilePath, coldIds, BenchContext.ApiHeaders, settings);
        context.Step($"{topology.Name}: {settings.ColdReads:N0} cold reads from PostgreSQL, {settings.ColdConnections} connections, "
            + $"after {clientWarmIds.Count:N0} unrecorded reads of other stored profiles on the same connections");
        MeasuredLoad cold;
        double windowSeconds;
        if (clientWarmIds.Count > 0)
        {
            var warmed = await WarmConnectionsLoad.MeasureAsync(
                context, topology, coldPlan, context.Load.WriteIds("cold-storage-client-warmup", clientWarmIds), clientWarmIds.Count, cancellationToken);
            if (warmed.Measured.Load.WarmupFailed > 0)
            {
                throw new InvalidOperationException($"{warmed.Measured.Load.WarmupFailed:N0} of the load generator's {clientWarmIds.Count:N0} warming reads failed; first: {warmed.Measured.Load.FirstWarmupError}");
            }

            context.Step($"{topology.Name}: the load generator's warm-up took {warmed.Measured.Load.WarmupSeconds:0.00} s in rounds compiling "
                + $"{string.Join(", ", warmed.Measured.Load.WarmupRoundJitMethods.Select(methods => methods.ToString("N0")))} methods of its own; the servers compiled {warmed.Warmup.JitCompiledMethods:N0} methods "
                + $"({warmed.Warmup.JitSeconds:0.00} s) until they settled{(warmed.Settled ? "" : ", [yellow]still compiling after 20 s[/]")}");
            cold = warmed.Measured;
            windowSeconds = warmed.WindowSeconds;
        }
        else
        {
            var measuring = Stopwatch.StartNew();
            cold = await HotReadsScenario.MeasureAsync(context, topology, coldPlan, cancellationToken);
            windowSeconds = measuring.Elapsed.TotalSeconds;
        }

        var idleMicrosecondsPerRead = idleCores * windowSeconds * 1e6 / Math.Max(1, cold.Load.Requests);
        var idleBytesPerRead = idleBytesPerSecond * windowSeconds / Math.Max(1, cold.Load.Requests);
        HotReadsScenario.EnsureAllSucceeded(cold.Load, "reading profiles from PostgreSQL");

        context.Step("Ceiling: the profile state read statement, sent directly");
        var ceiling = await StorageReadCeiling.MeasureAsync(topology.ConnectionString, settings.ColdReads, settings.ColdConnections, warmupReads: settings.ColdReads, cancellationToken);

        // An activation from storage holds its delayed row check's waiter and state (1 s) until it is done:
        // the snapshot is of hot profiles at rest, not of the last second's activations.
        await Task.Delay(ActivationsSettle, cancellationToken);
        var held = await HostDiagnostics.ReadProcessAsync(silo, collect: true, cancellationToken);
        var heldMetrics = await HostDiagnostics.ReadMetricsAsync(silo, cancellationToken);
        var heldJson = (PrometheusGauge.Read(heldMetrics, HeldJsonMetric) - heldJsonBefore) / measured;
        var activations = PrometheusHistogram.Parse(heldMetrics, ActivationMetric, "state=\"stored\"");
        var jsonBytes = await MeanBodyBytesAsync(topology, ids.Skip(settings.ColdReads).Take(JsonSamples), cancellationToken);

        // The breakdown's last part: Orleans' own cost per activation, from as many empty grains.
        context.Step($"{topology.Name}: activating {measured:N0} empty grains (Orleans' own cost per activation)");
        await HostDiagnostics.ActivateProbesAsync(silo, measured, cancellationToken);
        var probed = await HostDiagnostics.ReadProcessAsync(silo, collect: true, cancellationToken);
        var memory = new MemoryResult(
            topology.Name,
            measured,
            (long)activations.Count,
            baseline,
            held,
            (held.ManagedHeapBytes - baseline.ManagedHeapBytes) / (double)measured,
            (held.WorkingSetBytes - baseline.WorkingSetBytes) / (double)measured,
            storedBytes,
            activations.Quantile(0.50) * 1000,
            activations.Quantile(0.99) * 1000,
            restPerSecond,
            (probed.ManagedHeapBytes - held.ManagedHeapBytes) / (double)measured,
            heldJson + ByteArrayOverhead,
            jsonBytes);
        var coldPath = new ColdPathResult("storage", topology.Name, cold.Load, cold.Server, ColdUpstreamScenario.Sources(cold.Load), ceiling, "the profile state read statement, sent directly over Npgsql", idleMicrosecondsPerRead, idleBytesPerRead);
        return (memory, coldPath);
    }

    /// <summary>
    /// Profiles read back long after they were stored find their rows vacuumed (autovacuum's work), not the dead
    /// versions the enrichment's updates just left, which the first read of each row would prune; and no
    /// autovacuum run or checkpoint lands in the measured windows. The statement's ceiling reads the same table.
    /// </summary>
    private static async Task SettleDatabaseAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        context.Step($"{topology.Name}: VACUUM (ANALYZE) and CHECKPOINT after the enrichment, as autovacuum leaves stored rows");
        await using var connection = new NpgsqlConnection(topology.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in (string[])["VACUUM (ANALYZE)", "CHECKPOINT"])
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>CPU cores the serving processes use, and bytes a second they allocate, while nothing reads them, over a couple of seconds.</summary>
    private static async Task<(double Cores, double AllocatedBytesPerSecond)> IdleCostAsync(BenchTopology topology, CancellationToken cancellationToken)
    {
        var before = await ServerCost.SnapshotAsync(topology.Servers, cancellationToken);
        var idle = Stopwatch.StartNew();
        await Task.Delay(IdleMeasurement, cancellationToken);
        var seconds = idle.Elapsed.TotalSeconds;
        var cost = await ServerCost.MeasureSinceAsync(topology.Servers, before, requests: 1, seconds, cancellationToken);

        // One "request": its allocations are the window's.
        return (cost.CpuCores, cost.AllocatedBytesPerRequest / seconds);
    }

    private static readonly TimeSpan IdleMeasurement = TimeSpan.FromSeconds(2);

    /// <summary>Reads of profiles held only in PostgreSQL, at the read loads' concurrency, counting where each was served from.</summary>
    private static LoadPlan StoredReads(BenchTopology topology, string ids, BenchSettings settings) => new()
    {
        BaseAddress = topology.Api.HttpAddress.ToString().TrimEnd('/'),
        PathTemplate = HotReadsScenario.ProfilePath,
        IdsFile = ids,
        Headers = BenchContext.ApiHeaders,
        Connections = settings.Connections,
        Order = LoadOrder.Sequential,
        CountHeaders = ["X-Cache-Source"],
    };

    // A byte[]'s object header, method table pointer and length on 64-bit .NET.
    private const int ByteArrayOverhead = 24;

    /// <summary>The mean length of the bodies of hot profiles as read over HTTP: what a grain keeps rendered.</summary>
    private static async Task<double> MeanBodyBytesAsync(BenchTopology topology, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        using var api = EnrichmentDrainScenario.ApiClient(topology);
        long bytes = 0;
        var count = 0;
        foreach (var id in ids)
        {
            bytes += (await api.GetByteArrayAsync($"api/v1/profiles/{Uri.EscapeDataString(id)}", cancellationToken)).Length;
            count++;
        }

        return count == 0 ? 0 : bytes / (double)count;
    }

    private static async Task EnrichAsync(BenchContext context, BenchTopology topology, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using var api = EnrichmentDrainScenario.ApiClient(topology);
        List<Guid> jobs = [];
        foreach (var chunk in ids.Chunk(MaxJobSize))
        {
            using var response = await api.PostAsJsonAsync("api/v1/enrichments", new { profileIds = chunk }, cancellationToken);
            response.EnsureSuccessStatusCode();
            jobs.Add((await response.Content.ReadFromJsonAsync<EnrichmentDrainScenario.AcceptedJob>(cancellationToken))!.JobId);
        }

        context.Step($"{topology.Name}: enriching {ids.Count:N0} profiles ({jobs.Count} job{(jobs.Count == 1 ? "" : "s")})");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        foreach (var job in jobs)
        {
            while (true)
            {
                var progress = await api.GetFromJsonAsync<EnrichmentDrainScenario.JobProgress>($"api/v1/enrichments/{job}", cancellationToken);
                if (progress?.FinishedAt is not null)
                {
                    if (progress.Done != progress.Total)
                    {
                        throw new InvalidOperationException($"Enrichment job {job} ended with {progress.Done:N0} of {progress.Total:N0} done ({progress.Failed:N0} failed, {progress.Skipped:N0} skipped).");
                    }

                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Enrichment job {job} did not finish in time; last progress: {progress}");
                }

                await Task.Delay(500, cancellationToken);
            }
        }
    }
}

/// <param name="Profiles">Profiles activated between the two memory snapshots.</param>
/// <param name="ActivationsFromStorage">Profile activations the silo counted that found a stored state.</param>
/// <param name="ManagedBytesPerProfile">Growth of the live managed heap (after full collections) per hot profile.</param>
/// <param name="WorkingSetBytesPerProfile">Growth of the silo's resident memory per hot profile.</param>
/// <param name="StoredBytesPerProfile">Mean size of a profile's state in PostgreSQL: the same data, serialized.</param>
/// <param name="ActivationReadsPerSecond">Rate of the reads that activated the profiles from PostgreSQL.</param>
/// <param name="EmptyActivationBytes">Growth of the live managed heap per empty grain activated afterwards: Orleans' own cost.</param>
/// <param name="RenderedJsonBytes">A hot profile's rendered JSON as held: packed, with the array's header (the silo's held-JSON gauge per profile).</param>
/// <param name="JsonBodyBytes">The mean body of a sample of hot reads: the JSON the held form expands to.</param>
public sealed record MemoryResult(
    string Topology,
    int Profiles,
    long ActivationsFromStorage,
    ProcessFigures Baseline,
    ProcessFigures Held,
    double ManagedBytesPerProfile,
    double WorkingSetBytesPerProfile,
    double StoredBytesPerProfile,
    double ActivationP50Ms,
    double ActivationP99Ms,
    double ActivationReadsPerSecond,
    double EmptyActivationBytes,
    double RenderedJsonBytes,
    double JsonBodyBytes);

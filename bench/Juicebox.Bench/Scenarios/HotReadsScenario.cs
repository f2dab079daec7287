using System.Globalization;
using Juicebox.Bench.Hosts;
using Juicebox.LoadGenerator;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Figure 1: random reads of warmed profiles through one client-api, next to the same host answering
/// a constant JSON body of the same size from a trivial endpoint (its ceiling), in one run.
/// </summary>
public static class HotReadsScenario
{
    public const string ProfilePath = "/api/v1/profiles/{id}";

    public static async Task<HotReadsResult> RunAsync(BenchContext context, BenchTopology topology, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var ids = context.Load.WriteIds("hot", context.Environment.ProfileIds(0, settings.HotProfiles));
        var baseAddress = topology.Api.HttpAddress.ToString().TrimEnd('/');

        context.Step($"{topology.Name}: warming {settings.HotProfiles:N0} profiles");
        var warm = await context.Load.RunAsync(
            new LoadPlan
            {
                BaseAddress = baseAddress,
                PathTemplate = ProfilePath,
                IdsFile = ids,
                Headers = BenchContext.ApiHeaders,
                Connections = settings.Connections,
                Order = LoadOrder.Sequential,
            },
            cancellationToken);
        EnsureAllSucceeded(warm, "warming");

        var bodyBytes = (int)Math.Round(warm.MeanBodyBytes);
        context.Step($"{topology.Name}: ceiling, a constant {bodyBytes:N0}-byte JSON body");
        var ceiling = await MeasureAsync(
            context,
            topology,
            new LoadPlan
            {
                BaseAddress = baseAddress,
                PathTemplate = $"/_diagnostics/constant?bytes={bodyBytes.ToString(CultureInfo.InvariantCulture)}",
                Headers = BenchContext.ApiHeaders,
                Connections = settings.Connections,
                Order = LoadOrder.Uniform,
                WarmupSeconds = settings.HotWarmup.TotalSeconds,
                DurationSeconds = settings.HotDuration.TotalSeconds,
            },
            cancellationToken);

        context.Step($"{topology.Name}: hot reads of {settings.HotProfiles:N0} profiles, {settings.Connections} connections");
        var hot = await MeasureAsync(
            context,
            topology,
            new LoadPlan
            {
                BaseAddress = baseAddress,
                PathTemplate = ProfilePath,
                IdsFile = ids,
                Headers = BenchContext.ApiHeaders,
                Connections = settings.Connections,
                Order = LoadOrder.Uniform,
                WarmupSeconds = settings.HotWarmup.TotalSeconds,
                DurationSeconds = settings.HotDuration.TotalSeconds,
                CountHeaders = ["X-Cache"],
            },
            cancellationToken);

        var hits = hot.Load.HeaderCounts.GetValueOrDefault("X-Cache")?.GetValueOrDefault("hit") ?? 0;
        return new HotReadsResult(
            topology.Name,
            settings.HotProfiles,
            settings.Connections,
            bodyBytes,
            ceiling,
            hot,
            Ratio(hot.Load.RequestsPerSecond, ceiling.Load.RequestsPerSecond),
            hot.Load.Requests == 0 ? 0 : (double)hits / hot.Load.Requests);
    }

    private static async Task<MeasuredLoad> MeasureAsync(BenchContext context, BenchTopology topology, LoadPlan plan, CancellationToken cancellationToken)
    {
        var servers = topology.Servers;
        var before = await ServerCost.SnapshotAsync(servers, cancellationToken);
        var load = await context.Load.RunAsync(plan, cancellationToken);
        var cost = await ServerCost.MeasureSinceAsync(servers, before, load.Requests + load.WarmupRequests, load.ElapsedSeconds + load.WarmupSeconds, cancellationToken);
        return new MeasuredLoad(load, cost);
    }

    internal static void EnsureAllSucceeded(LoadResult load, string what)
    {
        if (load.Failed > 0)
        {
            throw new InvalidOperationException($"{load.Failed:N0} of {load.Requests:N0} requests failed while {what}; first: {load.FirstError}");
        }
    }

    internal static double Ratio(double value, double ceiling) => ceiling > 0 ? value / ceiling : 0;
}

/// <summary>A load generator run and what the serving processes spent during it.</summary>
public sealed record MeasuredLoad(LoadResult Load, ServerCost Server);

public sealed record HotReadsResult(
    string Topology,
    int Profiles,
    int Connections,
    int BodyBytes,
    MeasuredLoad Ceiling,
    MeasuredLoad Hot,
    double ShareOfCeiling,
    double HitRatio);

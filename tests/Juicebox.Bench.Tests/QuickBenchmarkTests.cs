using System.Text.Json;
using Juicebox.Bench.Reporting;
using Juicebox.Testing;

namespace Juicebox.Bench.Tests;

/// <summary>
/// Runs the benchmark's quick mode once, as its README command does, so the benchmark cannot rot. The
/// figures are not judged (speed goals are the benchmark's business); what must hold in any run is:
/// every scenario finished, no read failed, reads were served from where they should be, and the
/// cluster paid the upstream once per profile without a single 429. test.sh runs it after every other
/// test, alone, so its load disturbs nothing.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class QuickBenchmarkTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task QuickMode_RunsEveryScenario_AndWritesItsReport()
    {
        using var output = new TempDirectory();
        var (exitCode, console) = await RunBenchmarkAsync("--quick", "--output", output.Path);

        Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:{Environment.NewLine}{console}");
        var report = JsonSerializer.Deserialize<BenchReport>(await File.ReadAllTextAsync(output.File("quick.json"), TestContext.Current.CancellationToken), ReportWriter.JsonOptions)!;
        Assert.Empty(report.Errors);
        Assert.Contains("| Figure | Measure |", await File.ReadAllTextAsync(output.File("quick.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(["Embedded", "Cluster: 1 silo + 1 client-api", "Co-hosted: 1 silo serving the API", "Cluster: 2 silos + 1 client-api"], report.HotReads.Select(hot => hot.Topology));
        Assert.All(report.HotReads, hot =>
        {
            Assert.True(hot.Hot.Load.Requests > 0 && hot.Ceiling.Load.Requests > 0, $"{hot.Topology}: both loads ran");
            Assert.Equal(0, hot.Failed);
            Assert.Equal(report.Settings.HotRounds, hot.RoundShares.Count);
            Assert.Equal(1.0, hot.HitRatio);
            Assert.True(hot.ReadCacheShare > 0.5, $"{hot.Topology}: the front end answers most hot reads from its read cache, in every mode ({hot.ReadCacheShare:0.00})");
            Assert.True(hot.Hot.Load.CpuCores > 0, "the load generator reports its own CPU use");
            Assert.True(hot.Hot.Server.InlineSocketCompletions, $"{hot.Topology}: every host's sockets complete inline by default (Sockets__InlineCompletions)");
        });

        var economy = report.UpstreamEconomy!;
        Assert.Equal(0, economy.Load.Failed);
        Assert.True(economy.DistinctProfilesRead > 0);
        Assert.Equal(economy.DistinctProfilesRead, economy.UpstreamProfileCalls);
        Assert.Equal(0, economy.Upstream429s);

        var drain = report.EnrichmentDrain!;
        Assert.Equal(drain.Profiles, drain.Done);
        Assert.Equal(0, drain.Upstream429s);
        Assert.Equal(drain.Profiles, drain.DistinctProfilesCharged);
        Assert.True(drain.ProfilesPerCall > 1, $"enrichment calls carry batches, not single profiles ({drain.ProfilesPerCall})");

        var memory = report.Memory!;
        Assert.True(memory.ActivationsFromStorage >= memory.Profiles, $"{memory.ActivationsFromStorage} activations from storage for {memory.Profiles} profiles");
        Assert.True(memory.ManagedBytesPerProfile > 0 && memory.StoredBytesPerProfile > 0);
        Assert.True(memory.EmptyActivationBytes > 0, $"empty grains grew the heap by {memory.EmptyActivationBytes} B each");
        Assert.True(memory.RenderedJsonBytes > 100, $"a profile's JSON is held in {memory.RenderedJsonBytes} B");
        Assert.True(memory.RenderedJsonBytes < memory.JsonBodyBytes, $"a profile's JSON is held packed: {memory.RenderedJsonBytes} B for a {memory.JsonBodyBytes} B body");

        // The peer needs redis-server and Node.js, which the test suite does not install.
        Assert.Null(report.Peer);
        Assert.Null(report.Scale);

        Assert.Equal(["storage", "upstream"], report.ColdPaths.Select(cold => cold.Path));
        Assert.All(report.ColdPaths, cold =>
        {
            Assert.Equal(cold.Load.Requests, cold.Sources.GetValueOrDefault(cold.Path));
            Assert.True(cold.Server.CpuMicrosecondsPerRequest > 0, $"the {cold.Path} path's reads cost the servers CPU");
        });

        // What the servers spend idle is measured beside the cold reads from storage (their diagnostics reads allocate at least).
        var storage = report.ColdPaths.Single(cold => cold.Path == "storage");
        Assert.True(storage.IdleAllocatedBytesPerRead > 0, $"the idle servers' allocations per cold read were {storage.IdleAllocatedBytesPerRead}");
        Assert.True(storage.IdleCpuMicrosecondsPerRead >= 0, $"the idle servers' CPU per cold read was {storage.IdleCpuMicrosecondsPerRead}");

        // The cold reads from storage come from a warm client: its unrecorded reads of other stored profiles first, none failed.
        Assert.Equal(report.Settings.ColdClientWarmupReads, storage.Load.WarmupRequests);
        Assert.Equal(0, storage.Load.WarmupFailed);
        Assert.True(storage.Load.InlineSocketCompletions, "the cold reads' load generator runs its socket completions inline");

        // Where the run's time went, group by group, so a slow group shows.
        Assert.Equal(["start-up (sandbox)", "embedded", "cluster", "drain", "memory"], report.Timings.Select(timing => timing.Group));
        Assert.All(report.Timings.Skip(1), timing => Assert.True(timing.Seconds > 0, $"{timing.Group} took {timing.Seconds} s"));
    }

    private static async Task<(int ExitCode, string Console)> RunBenchmarkAsync(params string[] arguments)
    {
        var benchmark = RepositoryLayout.HostAssembly(Path.Combine("bench", "Juicebox.Bench"), "Juicebox.Bench");
        var run = await ProcessRunner.RunAsync("dotnet", [benchmark, .. arguments], _timeout, TestContext.Current.CancellationToken);
        return (run.ExitCode, run.Output);
    }
}

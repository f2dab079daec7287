using Juicebox.Testing;

namespace Juicebox.Bench.Tests;

/// <summary>
/// A plan's warm-up over ids of its own (figure 5's cold reads come from a warm client): read before the measured
/// ids on the same connections, never recorded, and, with the two signal files, a pause for whoever started the run.
/// </summary>
public sealed class LoadWarmupOnOtherIdsTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WarmupIds_AreReadOnceFirst_OnTheConnectionsTheMeasurementUses_AndNotRecorded()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var measuredIds = Enumerable.Range(0, 120).Select(i => $"measured-{i}").ToArray();
        var warmupIds = Enumerable.Range(0, 90).Select(i => $"warm-{i}").ToArray();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(measuredIds),
            WarmupIdsFile = directory.WriteIds(warmupIds, "warmup.txt"),
            WarmupRounds = 3,
            Connections = 4,
            Order = LoadOrder.Sequential,
            CountHeaders = ["X-Cache"],
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(120, result.Requests);
        Assert.Equal(120, result.DistinctIds);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 120 }, result.Statuses);
        Assert.Equal(120, result.HeaderCounts["X-Cache"]["hit"]);
        Assert.Equal(120L * TinyServer.Body.Length, result.BodyBytes);
        Assert.Equal(90, result.WarmupRequests);
        Assert.Equal(0, result.WarmupFailed);
        Assert.Equal(3, result.WarmupRoundJitMethods.Count);
        Assert.True(result.WarmupSeconds > 0, $"the warm-up's reads took {result.WarmupSeconds} s");
        Assert.Equal(measuredIds.Concat(warmupIds).Order(StringComparer.Ordinal), server.HitsById.Keys.Order(StringComparer.Ordinal));
        Assert.All(server.HitsById, pair => Assert.Equal(1, pair.Value));
        Assert.True(server.RequestsByConnection.Count <= 4, $"{server.RequestsByConnection.Count} connections carried the 210 reads of a 4-connection plan");
    }

    [Fact]
    public async Task WarmedFile_AppearsAfterTheWarmup_AndTheMeasurementWaitsForTheStartFile()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var warmed = directory.File("warmed.signal");
        var start = directory.File("start.signal");
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(0, 40).Select(i => $"gate-{i}")),
            WarmupIdsFile = directory.WriteIds(Enumerable.Range(0, 30).Select(i => $"gate-warm-{i}"), "warmup.txt"),
            WarmedFile = warmed,
            StartFile = start,
            Connections = 3,
            Order = LoadOrder.Sequential,
        };

        var run = LoadRunner.RunAsync(plan, Cancellation);
        await Eventually.WaitForAsync(_ => Task.FromResult(File.Exists(warmed) || run.IsCompleted), SignalTimeout, "the warmed file (or the run's end)", Cancellation);

        Assert.True(File.Exists(warmed), $"the run ended without creating the warmed file: {(run.IsFaulted ? run.Exception : "no error")}");
        Assert.False(run.IsCompleted, "the run went on without waiting for the start file");
        Assert.Equal(30, server.Requests);
        Assert.DoesNotContain(server.HitsById.Keys, id => !id.StartsWith("gate-warm-", StringComparison.Ordinal));

        await File.WriteAllTextAsync(start, string.Empty, Cancellation);
        var result = await run.WaitAsync(SignalTimeout, Cancellation);

        Assert.Equal(40, result.Requests);
        Assert.Equal(30, result.WarmupRequests);
        Assert.Equal(70, server.Requests);
    }

    [Fact]
    public async Task FailedWarmupReads_AreCountedApart_FromTheMeasuredOnes()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(0, 10).Select(i => $"after-failed-warm-{i}")),
            WarmupIdsFile = directory.WriteIds(["failed-warm-0", TinyServer.MissingId, "failed-warm-1"], "warmup.txt"),
            Connections = 2,
            Order = LoadOrder.Sequential,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(3, result.WarmupRequests);
        Assert.Equal(1, result.WarmupFailed);
        Assert.Contains(TinyServer.MissingId, result.FirstWarmupError);
        Assert.Equal(10, result.Succeeded);
        Assert.Equal(0, result.Failed);
        Assert.Null(result.FirstError);
    }

    [Fact]
    public async Task WithoutTheStartFile_TheRunGivesUp_NamingIt()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(["never-0"]),
            WarmupIdsFile = directory.WriteIds(["never-warm-0"], "warmup.txt"),
            WarmedFile = directory.File("warmed.signal"),
            StartFile = directory.File("start.signal"),
            StartWaitSeconds = 0.2,
            Connections = 1,
            Order = LoadOrder.Sequential,
        };

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => LoadRunner.RunAsync(plan, Cancellation));

        Assert.Contains("start.signal", exception.Message);
        Assert.False(server.HitsById.ContainsKey("never-0"), "a measured id was read without the start file");
    }

    [Fact]
    public void WarmupOptions_ThatCannotRun_AreNamed()
    {
        var plan = new LoadPlan
        {
            BaseAddress = "http://127.0.0.1:1",
            PathTemplate = "/constant",
            Requests = 1,
            WarmupIdsFile = "warm.txt",
            WarmupSeconds = 1,
            WarmupRounds = 0,
            WarmedFile = "warmed.signal",
        };

        var problems = string.Join(" ", plan.Validate());

        Assert.Contains("warmupIdsFile needs", problems);
        Assert.Contains("warmupIdsFile and warmupSeconds", problems);
        Assert.Contains("warmupRounds", problems);
        Assert.Contains("warmedFile and startFile", problems);
        Assert.Empty(new LoadPlan { BaseAddress = "http://h", PathTemplate = "/p/{id}", IdsFile = "ids", Order = LoadOrder.Sequential, WarmupIdsFile = "warm" }.Validate());
    }
}

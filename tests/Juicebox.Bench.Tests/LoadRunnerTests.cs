namespace Juicebox.Bench.Tests;

/// <summary>Whole runs of the load generator, in this process, against a tiny Kestrel server.</summary>
public sealed class LoadRunnerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sequential_RequestsEveryIdExactlyOnce()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var ids = Enumerable.Range(0, 499).Select(i => $"id-{i:D4}").Append("needs escaping ä+?").ToArray();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(ids),
            Connections = 8,
            Order = LoadOrder.Sequential,
            CountHeaders = ["X-Cache"],
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(500, result.Requests);
        Assert.Equal(500, result.Succeeded);
        Assert.Equal(0, result.Failed);
        Assert.Equal(500, result.DistinctIds);
        Assert.Equal(500L * TinyServer.Body.Length, result.BodyBytes);
        Assert.Equal(TinyServer.Body.Length, result.MeanBodyBytes);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 500 }, result.Statuses);
        Assert.Equal(new Dictionary<string, long> { ["hit"] = 500 }, result.HeaderCounts["X-Cache"]);
        Assert.Equal(ids.Order(StringComparer.Ordinal), server.HitsById.Keys.Order(StringComparer.Ordinal));
        Assert.All(server.HitsById, pair => Assert.Equal(1, pair.Value));
        Assert.Null(result.FirstError);
        Assert.True(result.ElapsedSeconds > 0 && result.RequestsPerSecond > 0, $"elapsed {result.ElapsedSeconds}, rps {result.RequestsPerSecond}");
        Assert.True(result.LatencyMs.P50 > 0 && result.LatencyMs.P50 <= result.LatencyMs.P99 && result.LatencyMs.P99 <= result.LatencyMs.Max);
    }

    [Fact]
    public async Task Uniform_StopsAtTheRequestCount()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(0, 50).Select(i => $"u{i}")),
            Connections = 16,
            Order = LoadOrder.Uniform,
            Requests = 300,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(300, result.Requests);
        Assert.Equal(300, server.Requests);
        Assert.Equal(300, result.Succeeded);
        Assert.InRange(result.DistinctIds, 40, 50);
    }

    [Fact]
    public async Task Zipf_FavoursTheFirstIds()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(1, 100).Select(i => $"z{i}")),
            Connections = 4,
            Order = LoadOrder.Zipf,
            ZipfExponent = 1.5,
            Requests = 400,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(400, result.Requests);
        Assert.True(
            server.HitsById.GetValueOrDefault("z1") > server.HitsById.GetValueOrDefault("z3"),
            $"z1 was hit {server.HitsById.GetValueOrDefault("z1")} times, z3 {server.HitsById.GetValueOrDefault("z3")}");
        Assert.InRange(result.DistinctIds, 2, 99);
    }

    [Fact]
    public async Task FailedRequests_AreCountedByStatus()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(["a", "b", TinyServer.MissingId, "c"]),
            Connections = 2,
            Order = LoadOrder.Sequential,
            CountHeaders = ["X-Cache"],
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(4, result.Requests);
        Assert.Equal(3, result.Succeeded);
        Assert.Equal(1, result.Failed);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 3, ["404"] = 1 }, result.Statuses);
        Assert.Equal(new Dictionary<string, long> { ["hit"] = 3, [LoadResult.AbsentHeader] = 1 }, result.HeaderCounts["X-Cache"]);
        Assert.Equal("GET /p/missing answered 404 Not Found", result.FirstError);
    }

    [Fact]
    public async Task TransportErrors_AreCountedNotThrown()
    {
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = $"http://127.0.0.1:{ClosedPort()}",
            PathTemplate = "/constant",
            Connections = 2,
            Requests = 6,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(6, result.Requests);
        Assert.Equal(6, result.Failed);
        Assert.Equal(new Dictionary<string, long> { ["error"] = 6 }, result.Statuses);
        Assert.StartsWith("GET /constant failed: HttpRequestException", result.FirstError);
    }

    [Fact]
    public async Task Duration_EndsTheRun()
    {
        await using var server = await TinyServer.StartAsync();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/constant",
            Connections = 4,
            DurationSeconds = 1,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.InRange(result.ElapsedSeconds, 0.9, 10);
        Assert.True(result.Requests > 0, "A one-second run should complete some requests.");
        Assert.Equal(result.Requests, result.Succeeded);
        Assert.Equal(0, result.DistinctIds);
        Assert.Equal(result.Requests / result.ElapsedSeconds, result.RequestsPerSecond, 6);
    }

    [Fact]
    public async Task Warmup_RequestsAreSentButNotRecorded()
    {
        await using var server = await TinyServer.StartAsync();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/constant",
            Connections = 2,
            WarmupSeconds = 0.3,
            Requests = 50,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(50, result.Requests);
        Assert.True(server.Requests > 50, $"The server saw {server.Requests} requests; the warm-up's should come on top of the 50 measured.");
    }

    [Fact]
    public async Task Headers_AreSentWithEveryRequest()
    {
        await using var server = await TinyServer.StartAsync();
        var plan = new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/constant",
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer secret-key" },
            Connections = 2,
            Requests = 10,
        };

        var result = await LoadRunner.RunAsync(plan, Cancellation);

        Assert.Equal(10, result.Succeeded);
        Assert.Equal(Enumerable.Repeat("Bearer secret-key", 10), server.Authorizations);
    }

    [Fact]
    public async Task InvalidPlan_IsRejectedWithEveryProblemNamed()
    {
        var plan = new LoadPlan
        {
            BaseAddress = "not an address",
            PathTemplate = "/p/{id}",
            Connections = 0,
            Order = LoadOrder.Uniform,
        };

        var exception = await Assert.ThrowsAsync<LoadPlanException>(() => LoadRunner.RunAsync(plan, Cancellation));

        Assert.Contains("baseAddress", exception.Message);
        Assert.Contains("idsFile", exception.Message);
        Assert.Contains("connections", exception.Message);
        Assert.Contains("has no end", exception.Message);
    }

    [Fact]
    public async Task MissingIdsFile_IsAPlanError()
    {
        using var directory = new TempDirectory();
        var plan = new LoadPlan
        {
            BaseAddress = "http://127.0.0.1:1",
            PathTemplate = "/p/{id}",
            IdsFile = directory.File("absent.txt"),
            Order = LoadOrder.Sequential,
        };

        var exception = await Assert.ThrowsAsync<LoadPlanException>(() => LoadRunner.RunAsync(plan, Cancellation));

        Assert.Contains("absent.txt", exception.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

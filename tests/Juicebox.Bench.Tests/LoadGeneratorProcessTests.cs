using System.Diagnostics;

namespace Juicebox.Bench.Tests;

/// <summary>The built load generator run as its own process, the way the benchmark starts it.</summary>
public sealed class LoadGeneratorProcessTests
{
    private static readonly string GeneratorDll = Path.Combine(AppContext.BaseDirectory, "Juicebox.LoadGenerator.dll");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_WritesTheResultFile()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var planPath = directory.File("plan.json");
        var resultPath = directory.File("result.json");
        LoadPlanJson.Write(planPath, new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(0, 20).Select(i => $"proc-{i}")),
            Connections = 4,
            Order = LoadOrder.Sequential,
            CountHeaders = ["X-Cache"],
        });

        var (exitCode, _, error) = await RunGeneratorAsync("--plan", planPath, "--result", resultPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        var result = LoadPlanJson.ReadResult(resultPath);
        Assert.Equal(20, result.Requests);
        Assert.Equal(20, result.DistinctIds);
        Assert.Equal(20, result.HeaderCounts["X-Cache"]["hit"]);
        Assert.Contains("20 requests", error);
    }

    [Fact]
    public async Task Run_WithoutAResultFile_PrintsTheResult()
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var planPath = directory.File("plan.json");
        LoadPlanJson.Write(planPath, new LoadPlan { BaseAddress = server.BaseAddress, PathTemplate = "/constant", Connections = 2, Requests = 5 });

        var (exitCode, output, error) = await RunGeneratorAsync("--plan", planPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        Assert.Equal(5, LoadPlanJson.ParseResult(output).Succeeded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InlineSocketCompletions_AreSetForTheProcess_WhenThePlanAsks(bool inline)
    {
        await using var server = await TinyServer.StartAsync();
        using var directory = new TempDirectory();
        var planPath = directory.File("plan.json");
        var resultPath = directory.File("result.json");
        LoadPlanJson.Write(planPath, new LoadPlan
        {
            BaseAddress = server.BaseAddress,
            PathTemplate = "/p/{id}",
            IdsFile = directory.WriteIds(Enumerable.Range(0, 10).Select(i => $"inline-{inline}-{i}")),
            Connections = 2,
            Order = LoadOrder.Sequential,
            InlineSocketCompletions = inline,
        });

        var (exitCode, _, error) = await RunGeneratorAsync("--plan", planPath, "--result", resultPath);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        var result = LoadPlanJson.ReadResult(resultPath);
        Assert.Equal(10, result.Succeeded);
        Assert.Equal(inline, result.InlineSocketCompletions);
    }

    [Fact]
    public async Task InvalidPlan_ExitsWithTwo()
    {
        using var directory = new TempDirectory();
        var planPath = directory.File("plan.json");
        File.WriteAllText(planPath, """{ "baseAddress": "http://127.0.0.1:1", "pathTemplate": "/constant", "connections": 0, "requests": 1 }""");

        var (exitCode, _, error) = await RunGeneratorAsync("--plan", planPath, "--result", directory.File("result.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("connections must be at least 1 and at most 10000", error);
        Assert.False(File.Exists(directory.File("result.json")), "An invalid plan must not leave a result.");
    }

    [Theory]
    [InlineData]
    [InlineData("--plan")]
    [InlineData("--bogus", "x")]
    [InlineData("--plan", "/nonexistent/plan.json")]
    public async Task BadArguments_ExitWithTwo(params string[] arguments)
    {
        var (exitCode, _, error) = await RunGeneratorAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(error), "The reason should be on standard error.");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunGeneratorAsync(params string[] arguments)
    {
        Assert.True(File.Exists(GeneratorDll), $"{GeneratorDll} should sit next to the test assembly.");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        start.ArgumentList.Add(GeneratorDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The load generator did not exit within 60 s: dotnet {string.Join(' ', start.ArgumentList)}");
        }

        return (process.ExitCode, await output, await error);
    }
}

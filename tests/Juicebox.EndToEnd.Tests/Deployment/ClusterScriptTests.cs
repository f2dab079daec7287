using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>
/// <c>scripts/cluster.sh</c>: the docker-compose topology as processes on loopback (a private
/// PostgreSQL, the schema applied once, the sandbox, silos and client-api replicas), started, used,
/// inspected and stopped without leaving anything behind.
/// </summary>
public sealed class ClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _stateDirectory = Directory.CreateTempSubdirectory("juicebox-cluster-test-");

    private string StateFile => Path.Combine(_stateDirectory.FullName, "cluster.state");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(StateFile))
        {
            // The test failed before its own stop: stop what is still running.
            await RunScriptAsync(["stop"], _commandTimeout, CancellationToken.None);
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed && Directory.Exists(Path.Combine(_stateDirectory.FullName, "logs")))
        {
            foreach (var log in Directory.GetFiles(Path.Combine(_stateDirectory.FullName, "logs"), "*.log"))
            {
                TestContext.Current.AddAttachment(Path.GetFileName(log), string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(200)), replaceExistingValue: true);
            }
        }

        _stateDirectory.Delete(recursive: true);
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task StartStatusStop_TwoSilosAndTwoClientApis_ServeProfiles_AndLeaveNothingBehind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var start = await RunScriptAsync(["start", "--silos", "2", "--apis", "2"], _startTimeout, cancellationToken);
        Assert.True(start.ExitCode == 0, $"cluster.sh start: {start}");
        var state = ClusterState.Read(StateFile);
        var processes = state.ProcessIds;
        var dataDirectory = state["data_dir"];
        Assert.Equal(["api_1", "api_2", "postgres", "sandbox", "silo_1", "silo_2"], processes.Keys.Order(StringComparer.Ordinal));
        Assert.All(processes, process => Assert.True(IsRunning(process.Value), $"{process.Key} (pid {process.Value}) is not running after start."));
        Assert.True(Directory.Exists(dataDirectory), $"no PostgreSQL data directory at {dataDirectory}");
        Assert.Equal(2, state.ClientApis.Count);
        Assert.All(state.ClientApis, api => Assert.Contains(api.ToString().TrimEnd('/'), start.Output, StringComparison.Ordinal));
        Assert.Contains(state["api_key"], start.Output, StringComparison.Ordinal);

        // One profile read through each replica: the first fetches it upstream, the second finds the
        // same grain in memory, so both replicas talk to the one cluster.
        var profileId = await FindProfileIdAsync(new Uri(state["sandbox_url"] + "/"), cancellationToken);
        List<ProfileResponse> reads = [];
        foreach (var address in state.ClientApis)
        {
            using var api = new HttpClient { BaseAddress = address, Timeout = _requestTimeout };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", state["api_key"]);
            reads.Add(await api.GetProfileAsync(profileId, cancellationToken));
        }

        Assert.All(reads, read => Assert.True(read.IsOk, read.ToString()));
        Assert.Equal(("miss", "upstream"), (reads[0].Cache, reads[0].Source));
        Assert.Equal(("hit", "memory"), (reads[1].Cache, reads[1].Source));

        // What docker-compose.yml's health checks run, against the real hosts.
        var siloProbe = await ProbeAsync("silo", "Juicebox.Silo", new Uri(state["silo_1_url"] + "/health/live"), cancellationToken);
        var apiProbe = await ProbeAsync("client-api", "Juicebox.ClientApi", new Uri(state.ClientApis[1], "health/ready"), cancellationToken);
        var closedProbe = await ProbeAsync("juicebox-sandbox", "Juicebox.Sandbox", new Uri($"http://127.0.0.1:{FreePort.Next()}/v1/health"), cancellationToken);
        Assert.True(siloProbe.ExitCode == 0, $"silo --probe: {siloProbe}");
        Assert.True(apiProbe.ExitCode == 0, $"client-api --probe: {apiProbe}");
        Assert.True(closedProbe.ExitCode == 1, $"--probe of a closed port: {closedProbe}");

        var status = await RunScriptAsync(["status"], _commandTimeout, cancellationToken);
        Assert.True(status.ExitCode == 0, $"cluster.sh status: {status}");
        Assert.All(["sandbox", "silo-1", "silo-2", "api-1", "api-2"], name =>
            Assert.Matches($@"(?m)^{name}\s+[0-9]+\s+running\s+healthy\s", status.Output));

        var stop = await RunScriptAsync(["stop"], _commandTimeout, cancellationToken);
        Assert.True(stop.ExitCode == 0, $"cluster.sh stop: {stop}");
        Assert.All(processes, process => Assert.False(IsRunning(process.Value), $"{process.Key} (pid {process.Value}) still runs after stop."));
        Assert.False(Directory.Exists(dataDirectory), $"{dataDirectory} is still there after stop.");
        Assert.False(File.Exists(StateFile), "the state file is still there after stop.");

        var after = await RunScriptAsync(["status"], _commandTimeout, cancellationToken);
        Assert.Equal(3, after.ExitCode);
    }

    [Fact]
    public async Task Start_WithAnUnknownOption_FailsBeforeStartingAnything()
    {
        var result = await RunScriptAsync(["start", "--silo", "2"], _commandTimeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--silo'", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(StateFile), "a failed start left a state file.");
    }

    private Task<CommandResult> RunScriptAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        CommandLine.RunAsync(
            "bash",
            [Path.Combine(RepositoryLayout.Root, "scripts", "cluster.sh"), .. arguments, "--state-dir", _stateDirectory.FullName,
                "--no-build", "--configuration", RepositoryLayout.Configuration],
            new Dictionary<string, string?> { ["JUICEBOX_CLUSTER_DIR"] = null, ["JUICEBOX_BASE_URL"] = null, ["JUICEBOX_API_KEY"] = null },
            timeout,
            cancellationToken);

    private static Task<CommandResult> ProbeAsync(string project, string assembly, Uri url, CancellationToken cancellationToken) =>
        CommandLine.RunAsync(
            "dotnet", [RepositoryLayout.HostAssembly(project, assembly), "--probe", url.ToString()], new Dictionary<string, string?>(), _commandTimeout, cancellationToken);

    /// <summary>The first profile of a search, asked of the sandbox itself with one of its public test keys.</summary>
    private static async Task<string> FindProfileIdAsync(Uri sandbox, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = sandbox, Timeout = _requestTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sb_business");
        using var response = await client.PostAsJsonAsync("v1/search", new { query = "engineer", limit = 1 }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.GetProperty("profiles")[0].GetProperty("id").GetString()
            ?? throw new InvalidOperationException("The sandbox's search answered a profile without an id.");
    }

    /// <summary>Whether the process runs; an exited process that nobody reaped yet (a zombie) does not.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

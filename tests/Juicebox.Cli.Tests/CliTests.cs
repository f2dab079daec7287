using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Juicebox.Cli.Tests;

/// <summary>
/// The juicebox CLI against a real client-api in Embedded mode: every command, its exit codes, plain
/// output when redirected, a terminal session whose progress bar moves through a 10,000-profile job.
/// </summary>
public sealed partial class CliTests(CliHostFixture fixture) : IClassFixture<CliHostFixture>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(180);

    private EmbeddedApiProcess Host => fixture.Host;

    private Task<CliResult> RunAsync(params string[] arguments) => RunAsAsync(EmbeddedApiProcess.ApiKey, arguments);

    private Task<CliResult> RunAsAsync(string key, params string[] arguments) =>
        CliProcess.RunAsync(fixture.Environment(key), fixture.Directory, CommandTimeout, arguments);

    [Fact]
    public async Task Search_Redirected_PrintsTabSeparatedRowsWithoutAnsi_AndJsonOnRequest()
    {
        var plain = await RunAsync("search", "title:engineer", "--limit", "5");
        var json = await RunAsync("search", "title:engineer", "--limit", "5", "--json");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        var lines = plain.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\tname\ttitle\tcompany\tlocation", lines[0]);
        Assert.Equal(5, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Matches(@"^jb_[0-9a-z]+\t[^\t]+\t", line));
        Assert.DoesNotContain('\x1b', plain.Stdout + plain.Stderr);
        Assert.Matches(@"5 of \d+ results; X-Cache: (hit|miss)", plain.Stderr);

        Assert.True(json.ExitCode == 0, json.ToString());
        var page = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(lines.Skip(1).Select(line => line.Split('\t')[0]), page.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Search_WithABadQuery_Exits2_AndPointsAtThePosition()
    {
        var result = await RunAsync("search", "title:(engineer");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Invalid search query.", result.Stderr, StringComparison.Ordinal);
        var lines = result.Stderr.Split('\n');
        var query = Array.FindIndex(lines, line => line == "  title:(engineer");
        Assert.True(query >= 0, result.ToString());
        Assert.Equal("        ^", lines[query + 1]);
    }

    [Fact]
    public async Task Profile_PrintsItsFieldsAndWhereItCameFrom_AndExits5ForAnUnknownOne()
    {
        var id = Host.NextProfileId();

        var first = await RunAsync("profile", id);
        var second = await RunAsync("profile", id);
        var json = await RunAsync("profile", id, "--json");
        var unknown = await RunAsync("profile", "jb_no_such_profile");

        Assert.True(first.ExitCode == 0, first.ToString());
        var fields = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(id, fields["id"]);
        // A search of another test may have warmed this profile already: the first read is a miss or a hit.
        Assert.Matches("^(miss|hit)$", fields["X-Cache"]);
        Assert.Matches("^(upstream|memory|storage)$", fields["X-Cache-Source"]);
        Assert.Matches(@"^private, max-age=\d+$|^max-age=\d+, private$", fields["Cache-Control"]);
        Assert.Equal("never requested", fields["enrichment"]);
        Assert.Contains("\nX-Cache\thit\nX-Cache-Source\tmemory\n", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(id, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("id").GetString());
        Assert.True(unknown.ExitCode == 5, unknown.ToString());
        Assert.Contains("Profile not found.", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCodes_TellBadInputRefusalAndUnavailabilityApart()
    {
        var noKey = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JUICEBOX_URL"] = Host.Address.ToString() }, fixture.Directory, CommandTimeout, "profile", "jb_x");
        var unknownCommand = await RunAsync("frobnicate");
        var missingFile = await RunAsync("enrich", "--file", "no-such-file.csv");
        var wrongKey = await RunAsAsync("not-a-key", "profile", Host.NextProfileId());
        var notOperator = await RunAsync("ops", "budget");
        var unreachable = await RunAsync("--url", $"http://127.0.0.1:{FreePort.Next()}", "profile", "jb_x");

        Assert.True(noKey.ExitCode == 2, noKey.ToString());
        Assert.Contains("JUICEBOX_KEY", noKey.Stderr, StringComparison.Ordinal);
        Assert.True(unknownCommand.ExitCode == 2, unknownCommand.ToString());
        Assert.True(missingFile.ExitCode == 2, missingFile.ToString());
        Assert.True(wrongKey.ExitCode == 3, wrongKey.ToString());
        Assert.Contains("not accepted", wrongKey.Stderr, StringComparison.Ordinal);
        Assert.True(notOperator.ExitCode == 3, notOperator.ToString());
        Assert.Contains("operator", notOperator.Stderr, StringComparison.Ordinal);
        Assert.True(unreachable.ExitCode == 4, unreachable.ToString());
        Assert.Contains("Cannot reach", unreachable.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ops_ShowBudgetQueueAndDeadLetters_AndRetryThem_ToAnOperator()
    {
        var budget = await RunAsAsync(EmbeddedApiProcess.OperatorKey, "ops", "budget");
        var queue = await RunAsAsync(EmbeddedApiProcess.OperatorKey, "ops", "queue");
        var queueJson = await RunAsAsync(EmbeddedApiProcess.OperatorKey, "ops", "queue", "--json");
        var deadLetters = await RunAsAsync(EmbeddedApiProcess.OperatorKey, "ops", "dead-letters");
        var retry = await RunAsAsync(EmbeddedApiProcess.OperatorKey, "ops", "dead-letters", "--retry");

        Assert.True(budget.ExitCode == 0, budget.ToString());
        Assert.Contains($"requestsPerMinute\t{CliHostFixture.RequestsPerMinute}\n", budget.Stdout, StringComparison.Ordinal);
        Assert.True(queue.ExitCode == 0, queue.ToString());
        Assert.Contains("durable\tfalse\n", queue.Stdout, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(queueJson.Stdout).RootElement.GetProperty("durable").GetBoolean());
        Assert.True(deadLetters.ExitCode == 0, deadLetters.ToString());
        Assert.Equal("messageId\tjobId\tprofiles\tattempts\treason\tdeadAt\n", deadLetters.Stdout);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal("requeued\t0\n", retry.Stdout);
    }

    [Fact]
    public async Task Enrich_Redirected_PrintsPlainProgressAndTheSummary_WritesTheResults_AndJobReadsThemAgain()
    {
        var ids = Host.NextProfileIds(30);
        var input = Path.Combine(fixture.Directory, "small.csv");
        await File.WriteAllLinesAsync(input, ["name,id", .. ids.Select((id, i) => $"person {i},{id}"), "someone,jb_unknown_cli", "nobody,not an id"], TestContext.Current.CancellationToken);
        var output = Path.Combine(fixture.Directory, "small-results.csv");

        var enrich = await CliProcess.RunAsync(fixture.Environment(), fixture.Directory, JobTimeout, "enrich", "--file", input, "--column", "id", "--out", output);

        Assert.True(enrich.ExitCode == 0, enrich.ToString());
        Assert.DoesNotContain('\x1b', enrich.Stdout + enrich.Stderr);
        var summary = enrich.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(("finished", "31", "30", "1", "0", "1"), (summary["state"], summary["total"], summary["done"], summary["failed"], summary["pending"], summary["rejected"]));
        Assert.Matches(@"(?m)^100\.0%\t31/31 ", enrich.Stderr);
        Assert.Contains("rejected not an id:", enrich.Stderr, StringComparison.Ordinal);
        var rows = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("profileId,status,reason,finishedAt,email,personalEmail,phone", rows[0]);
        Assert.Equal(ids.Append("jb_unknown_cli").Order(StringComparer.Ordinal), rows.Skip(1).Select(row => row.Split(',')[0]));

        var jobId = summary["job"];
        var job = await RunAsync("job", jobId);
        var ndjson = Path.Combine(fixture.Directory, "small-results.ndjson");
        var again = await RunAsync("job", jobId, "--out", ndjson);
        Assert.True(job.ExitCode == 0, job.ToString());
        Assert.Contains("state\tfinished\n", job.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        var objects = (await File.ReadAllLinesAsync(ndjson, TestContext.Current.CancellationToken)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(31, objects.Count);
        Assert.Equal(30, objects.Count(row => row.GetProperty("status").GetString() == "done" && row.GetProperty("contact").GetProperty("email").GetString()!.Contains('@')));
    }

    [Fact]
    public async Task Enrich_InterruptedWithCtrlC_LeavesTheJobRunning_AndSaysHowToResume()
    {
        var input = Path.Combine(fixture.Directory, "interrupted.txt");
        // Interrupted as soon as the job is accepted: at the fixture's pace its 8,000 profiles take several
        // seconds, so on a loaded machine the signal still lands while the job runs.
        await File.WriteAllLinesAsync(input, Host.NextProfileIds(8_000), TestContext.Current.CancellationToken);
        using var cli = CliProcess.Start(fixture.Environment(), fixture.Directory, "enrich", "--file", input, "--out", "interrupted.csv");
        await Eventually(() => JobIdIn(cli.Stderr) is not null, "the interrupted enrich to print its job id");

        cli.Interrupt();
        var result = await cli.WaitAsync(CommandTimeout);

        Assert.True(result.ExitCode == 130, result.ToString());
        var jobId = JobIdIn(result.Stderr)!;
        Assert.Contains($"juicebox job {jobId} --follow --out interrupted.csv", result.Stderr, StringComparison.Ordinal);
        using var api = Host.CreateClient();
        var progress = await api.GetFromJsonAsync<JsonElement>($"api/v1/enrichments/{jobId}", TestContext.Current.CancellationToken);
        Assert.Equal(8_000, progress.GetProperty("total").GetInt32());
        await Eventually(
            async () => (await api.GetFromJsonAsync<JsonElement>($"api/v1/enrichments/{jobId}", TestContext.Current.CancellationToken)).TryGetProperty("finishedAt", out _),
            "the interrupted job to finish on the server without its CLI");
    }

    [Fact]
    public async Task Enrich_TenThousandIds_InATerminal_DrawsAMovingProgressBar_AndWritesEveryResult()
    {
        var ids = Host.NextProfileIds(10_000);
        var input = Path.Combine(fixture.Directory, "ten-thousand.csv");
        await File.WriteAllLinesAsync(input, ["id", .. ids], TestContext.Current.CancellationToken);
        var output = Path.Combine(fixture.Directory, "ten-thousand-results.csv");

        var session = await TerminalSession.RunAsync(fixture.Environment(), fixture.Directory, JobTimeout, "enrich", "--file", input, "--out", output);

        await File.WriteAllTextAsync(Path.Combine(CliHostFixture.ResultsDirectory, "enrich-terminal-session.txt"), TerminalSession.FinalScreen(session.Stdout), TestContext.Current.CancellationToken);
        Assert.True(session.ExitCode == 0, session.ToString());
        Assert.Contains('\x1b', session.Stdout);
        var screen = TerminalSession.StripAnsi(session.Stdout);
        var percentages = Percent().Matches(screen).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.True(percentages.Count(percent => percent is > 0 and < 100) >= 1 && percentages.Contains(100),
            $"The bar should have shown a percentage between 0 and 100 and then 100; it showed {string.Join(", ", percentages)}.");
        Assert.Contains("/s", screen, StringComparison.Ordinal);
        Assert.Matches(@"ETA \d+ (s|min)", screen);
        Assert.Contains("Wrote 10,000 results", screen, StringComparison.Ordinal);
        var rows = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal(10_001, rows.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Skip(1).Select(row => row.Split(',')[0]));
        Assert.All(rows.Skip(1), row => Assert.Equal("done", row.Split(',')[1]));
        TestContext.Current.SendDiagnosticMessage($"The progress bar showed {percentages.Count} different percentages: {string.Join(", ", percentages.Order())}.");
    }

    private static string? JobIdIn(string text) => JobId().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private static Task Eventually(Func<bool> condition, string awaited) => Eventually(() => Task.FromResult(condition()), awaited);

    private static async Task Eventually(Func<Task<bool>> condition, string awaited)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {JobTimeout} for {awaited}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex(@"(\d{1,3})%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"Job ([0-9a-f-]{36}):")]
    private static partial Regex JobId();
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Juicebox.EndToEnd.Tests.WebConsole;

/// <summary>
/// The web console in Debian's Chromium, used as a person would: with the keyboard where it matters,
/// reading what the page says rather than what the API sent. A screenshot of each page is saved.
/// </summary>
public sealed partial class ConsoleBrowserTests(ConsoleHostFixture fixture) : IClassFixture<ConsoleHostFixture>, IAsyncLifetime
{
    private const float PageTimeoutMilliseconds = 20_000;
    private const float JobTimeoutMilliseconds = 90_000;
    private IBrowserContext? _context;

    private EmbeddedApiProcess Host => fixture.Host;

    public ValueTask InitializeAsync()
    {
        SetDefaultExpectTimeout(PageTimeoutMilliseconds);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            if (TestContext.Current.TestState?.Result == TestResult.Failed && _context.Pages.Count > 0)
            {
                TestContext.Current.AddAttachment("console.png", await _context.Pages[0].ScreenshotAsync(new() { FullPage = true }), "image/png");
            }

            await _context.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task SignIn_ThenABadQueryShowsWhere_ThenSearchAndOpenAProfile()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var page = await OpenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");

        // Keyboard only: the key box has the focus, Enter submits.
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("not-a-key");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not accepted");
        await page.GetByLabel("API key").FillAsync(EmbeddedApiProcess.ApiKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain(EmbeddedApiProcess.ApiKey, page.Url, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Query")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("title:(engineer");
        await page.Keyboard.PressAsync("Enter");
        var error = page.Locator("#search-error");
        await Expect(error).ToContainTextAsync("Invalid search query.");
        await Expect(error).ToContainTextAsync("(at character 7)");
        await Expect(error).Not.ToContainTextAsync("{");
        await Expect(page.Locator("#query-mark mark")).ToHaveTextAsync("(");
        await Expect(page.GetByLabel("Query")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "search-error");

        cancellationToken.ThrowIfCancellationRequested();
        await page.GetByLabel("Query").FillAsync("title:engineer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var rows = page.Locator("#main table tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.Locator("#search-cache")).ToHaveTextAsync("X-Cache: miss");
        await Expect(page.Locator("#search-status")).ToContainTextAsync(ResultsOf());
        await ScreenshotAsync(page, "search");

        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#search-cache")).ToHaveTextAsync("X-Cache: hit");

        var first = rows.First.GetByRole(AriaRole.Link);
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-cache")).ToHaveTextAsync(new Regex("^(hit|miss|stale)$"));
        await Expect(page.Locator("#profile-source")).ToHaveTextAsync(new Regex("^(memory|storage|upstream)$"));
        await Expect(page.Locator("#enrichment-status")).ToBeVisibleAsync();
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Profile_Enrich_ShowsTheContactBlockOnceItsEnrichmentIsDone_WithoutAReload()
    {
        var id = Host.NextProfileId();
        var page = await SignInAsync(EmbeddedApiProcess.ApiKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Profile", Exact = true }).ClickAsync();

        // Keyboard only: Tab from the page's heading reaches the id box, Enter opens the profile.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Profile id")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(id);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#enrichment-status")).ToHaveTextAsync("No enrichment of this profile has been requested.");
        await Expect(page.Locator("#profile-cache")).ToHaveTextAsync("miss");
        await Expect(page.Locator("#profile-source")).ToHaveTextAsync("upstream");
        await Expect(page.Locator("#contact")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrich", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // The page follows the enrichment it requested and draws the contact block when it is done.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Follow its job" })).ToBeVisibleAsync();
        await Expect(page.Locator("#enrichment-status")).ToHaveTextAsync(new Regex("^Status: done; requested .+, finished .+\\.$"), new() { Timeout = JobTimeoutMilliseconds });
        await Expect(page.Locator("#contact")).ToContainTextAsync("@");
        await Expect(page.Locator("#profile-cache")).ToHaveTextAsync("hit");
        await ScreenshotAsync(page, "profile");

        TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        // Opened afresh, the page reads the enriched profile, not the browser's copy of the first answer.
        await page.ReloadAsync();
        await Expect(page.Locator("#contact")).ToContainTextAsync("@");
        await Expect(page.Locator("#enrichment-status")).ToHaveTextAsync(new Regex("^Status: done"));
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Search_PagesForwardAndBack_ThenEnrichesTheSelectedResults()
    {
        var page = await SignInAsync(EmbeddedApiProcess.ApiKey);
        // A query of its own: the sign-in test expects its first search to be a miss.
        await page.GetByLabel("Query").FillAsync("title:engineer OR title:manager");
        await page.GetByLabel("Results per page").SelectOptionAsync("10");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#search-status")).ToHaveTextAsync(ResultsFrom(1, 10));
        var rows = page.Locator("#main table tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        var firstOfPageOne = await rows.First.GetByRole(AriaRole.Link).InnerTextAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("#search-status")).ToHaveTextAsync(ResultsFrom(11, 20));
        await Expect(page.GetByText("Page 2", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(rows.First.GetByRole(AriaRole.Link)).Not.ToHaveTextAsync(firstOfPageOne);
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(page.Locator("#search-status")).ToHaveTextAsync(ResultsFrom(1, 10));
        await Expect(rows.First.GetByRole(AriaRole.Link)).ToHaveTextAsync(firstOfPageOne);

        TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        // Select two results with the keyboard (Space ticks a box), then enrich them as one job.
        foreach (var index in new[] { 0, 1 })
        {
            await page.Locator($"#select-{index}").FocusAsync();
            await page.Keyboard.PressAsync("Space");
        }

        await Expect(page.GetByText("2 selected")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrich selected" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(JobUrl());
        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = JobTimeoutMilliseconds });
        await Expect(page.Locator("#count-total")).ToHaveTextAsync("2");
        await Expect(page.Locator("#count-failed")).ToHaveTextAsync("0");
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Jobs_AFileOf50000IdsIsReadBeforeSending_OneOf50001IsRefused_AndAnUploadedCsvBecomesAJob()
    {
        var page = await SignInAsync(EmbeddedApiProcess.ApiKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        var file = page.GetByLabel("Or upload a CSV or text file");

        // The largest job there is: read in the page and counted, not sent (the server's own limit is tested with the API).
        await file.SetInputFilesAsync(IdFile("ids-50000.csv", "name,id", Enumerable.Range(0, 50_000).Select(i => $"person {i},jb_console_{i}")));
        await Expect(page.Locator("#ids-summary")).ToHaveTextAsync("50,000 profile ids ready from ids-50000.csv.", new() { Timeout = JobTimeoutMilliseconds });
        await file.SetInputFilesAsync(IdFile("ids-50001.txt", null, Enumerable.Range(0, 50_001).Select(i => $"jb_console_{i}")));
        await Expect(page.Locator("#ids-summary")).ToHaveTextAsync("50,001 profile ids ready from ids-50001.txt.", new() { Timeout = JobTimeoutMilliseconds });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start enrichment" }).ClickAsync();
        await Expect(page.Locator("#job-error")).ToHaveTextAsync("A job takes at most 50,000 profile ids; this list has 50,001. Split it into several jobs.");
        Assert.DoesNotMatch(JobUrl(), page.Url);

        TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        // A CSV whose ids are in a column named otherwise: the column box says which.
        var ids = Host.NextProfileIds(3);
        await page.GetByLabel("CSV column").FillAsync("profile");
        await file.SetInputFilesAsync(IdFile("team.csv", "name,profile,team", ids.Select((id, i) => $"\"Person, {i}\",{id},sales")));
        await Expect(page.Locator("#ids-summary")).ToHaveTextAsync("3 profile ids ready from team.csv.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start enrichment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(JobUrl());
        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = JobTimeoutMilliseconds });
        await Expect(page.Locator("#count-done")).ToHaveTextAsync("3");
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Jobs_StartAJobOfPastedIds_WatchItReach100Percent_ListItsFailure_AndDownloadItsResults()
    {
        var page = await SignInAsync(EmbeddedApiProcess.ApiKey);
        var ids = Host.NextProfileIds(24).Append("jb_unknown_console").ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();

        await page.GetByLabel("Profile ids").FillAsync(string.Join('\n', ids));
        await Expect(page.Locator("#ids-summary")).ToHaveTextAsync("25 profile ids ready.");
        await ScreenshotAsync(page, "jobs-submit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start enrichment" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(JobUrl());
        await Expect(page.Locator("#job-percent")).ToHaveTextAsync("100%", new() { Timeout = JobTimeoutMilliseconds });
        await Expect(page.Locator("#count-done")).ToHaveTextAsync("24");
        await Expect(page.Locator("#count-failed")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-pending")).ToHaveTextAsync("0");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "jb_unknown_console" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "jobs");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var path = Path.Combine(ConsoleHostFixture.ScreenshotDirectory, "job-results.csv");
        await download.SaveAsAsync(path);
        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("profileId,status,reason,finishedAt,email,personalEmail,phone", lines[0]);
        Assert.Equal(ids.Order(StringComparer.Ordinal), lines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.Equal(24, lines.Count(line => line.Contains(",done,", StringComparison.Ordinal) && line.Contains('@')));
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Operator_IsRefusedToAPlainKey_AndShowsBudgetQueueAndSilosToAnOperator()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var caller = await SignInAsync(EmbeddedApiProcess.ApiKey);
        await caller.GetByRole(AriaRole.Link, new() { Name = "Operator" }).ClickAsync();
        await Expect(caller.Locator("#operator-refused")).ToContainTextAsync("not an operator key");
        await ScreenshotAsync(caller, "operator-refused");
        await _context!.DisposeAsync();
        _context = null;
        cancellationToken.ThrowIfCancellationRequested();

        var page = await SignInAsync(EmbeddedApiProcess.OperatorKey);
        await Expect(page.Locator("#who-text")).ToHaveTextAsync("Signed in with an operator key");
        await page.GetByRole(AriaRole.Link, new() { Name = "Operator" }).ClickAsync();
        await Expect(page.Locator("#budget")).ToContainTextAsync("Requests per minute");
        await Expect(page.Locator("#queue")).ToContainTextAsync("Ready");
        await Expect(page.Locator("#dead-letters")).ToContainTextAsync("No dead letters");
        await Expect(page.Locator("#silos")).ToContainTextAsync("1 active silo(s)");
        await Expect(page.Locator("#dashboard-link")).ToHaveAttributeAsync("href", "/dashboard");
        await ScreenshotAsync(page, "operator");
    }

    private async Task<IPage> OpenAsync()
    {
        _context ??= await fixture.Chromium.Browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 800 } });
        _context.SetDefaultTimeout(PageTimeoutMilliseconds);
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Host.Address.ToString());
        return page;
    }

    private async Task<IPage> SignInAsync(string key)
    {
        var page = await OpenAsync();
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    private static FilePayload IdFile(string name, string? header, IEnumerable<string> lines) => new()
    {
        Name = name,
        MimeType = name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "text/plain",
        Buffer = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', header is null ? lines : lines.Prepend(header)) + "\n"),
    };

    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleHostFixture.ScreenshotDirectory, $"console-{name}.png"), FullPage = true });

    [GeneratedRegex(@"^Results 1–\d+ of [\d,]+\.$")]
    private static partial Regex ResultsOf();

    private static Regex ResultsFrom(int first, int last) => new($"^Results {first}–{last} of [\\d,]+\\.$");

    [GeneratedRegex(@"#/jobs/[0-9a-f-]{36}$")]
    private static partial Regex JobUrl();
}

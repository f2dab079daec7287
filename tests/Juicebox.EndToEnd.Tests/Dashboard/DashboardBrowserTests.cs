using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Juicebox.EndToEnd.Tests.Dashboard;

/// <summary>
/// The Orleans Dashboard of a running cluster (two silos and client-api as processes), opened in a
/// real headless Chromium as an operator would open it, and refused to everybody else.
/// </summary>
public sealed partial class DashboardBrowserTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string OperatorUser = "operator";
    private const int Profiles = 8;
    private const float PageTimeoutMilliseconds = 20_000;
    private const float RoundTimeoutMilliseconds = 3_000;
    private static readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);

    // The silos report their calls once a second and the page polls once a second, so calls made after
    // the dashboard was first opened (which turns the silos' call counting on) show within seconds.
    private static readonly TimeSpan _callsTimeout = TimeSpan.FromSeconds(30);

    private ClusterTopology? _topology;
    private SystemChromium? _chromium;
    private IPage? _operatorPage;

    private ClusterTopology Topology => _topology ?? throw new InvalidOperationException("The topology did not start.");

    private IBrowser Browser => _chromium?.Browser ?? throw new InvalidOperationException("Chromium did not start.");

    public async ValueTask InitializeAsync()
    {
        SetDefaultExpectTimeout(PageTimeoutMilliseconds);
        _chromium = await SystemChromium.LaunchAsync();
        _topology = await ClusterTopology.StartAsync(postgres.Server, silos: 2, clientApis: 1, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await AttachScreenshotIfTheTestFailedAsync();
            await _chromium.DisposeAsync();
        }

        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task Dashboard_InChromium_ShowsEverySiloAndTheProfileGrainsCalls_OnlyToAnOperator()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientApi = Topology.ClientApis.Single();
        var dashboard = new Uri(clientApi.HttpAddress, "dashboard");

        var anonymous = await OpenRefusedAsync(dashboard, credentials: null);
        var caller = await OpenRefusedAsync(dashboard, new HttpCredentials { Username = OperatorUser, Password = ClusterTopology.ApiKey });
        Assert.Equal((int)HttpStatusCode.Unauthorized, anonymous.Response.Status);
        Assert.StartsWith("Basic ", await anonymous.Response.HeaderValueAsync("www-authenticate"), StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.Forbidden, caller.Response.Status);
        await Expect(anonymous.Page).Not.ToHaveTitleAsync("Orleans Dashboard");
        await Expect(caller.Page).Not.ToHaveTitleAsync("Orleans Dashboard");

        var page = _operatorPage = await NewPageAsync(new HttpCredentials { Username = OperatorUser, Password = ClusterTopology.OperatorKey });
        var opened = await page.GotoAsync(dashboard.ToString());
        Assert.Equal((int)HttpStatusCode.OK, opened?.Status);
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        Assert.EndsWith("/dashboard/", page.Url, StringComparison.Ordinal);

        Assert.Equal(2, Topology.Silos.Count);
        await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        var siloHealth = Card(page, "Silo Health");
        foreach (var silo in Topology.Silos)
        {
            await Expect(RowOf(siloHealth.GetByRole(AriaRole.Link, new() { NameRegex = SiloAddress(silo) }))).ToContainTextAsync("Active");
        }

        await Expect(siloHealth.GetByRole(AriaRole.Row)).ToHaveCountAsync(Topology.Silos.Count);

        await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        var profileGrain = RowOf(Card(page, "Activations by Type").GetByRole(AriaRole.Link, new() { Name = "ProfileGrain", Exact = true }));
        var throughput = profileGrain.Locator("td").Nth(4);
        var rounds = await ReadUntilTheDashboardShowsCallsAsync(throughput, cancellationToken);

        await Expect(profileGrain).ToHaveCountAsync(1);
        await Expect(throughput).ToHaveTextAsync(NonZeroThroughput());
        var apiOutput = clientApi.Process.RecentOutput;
        var basicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OperatorUser}:{ClusterTopology.OperatorKey}"));
        Assert.DoesNotContain(ClusterTopology.OperatorKey, apiOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(basicCredentials, apiOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ClusterTopology.OperatorKey, page.Url, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"The dashboard showed ProfileGrain's calls after {rounds} round(s) of {Profiles} reads.");
    }

    /// <summary>
    /// Reads profiles through client-api in rounds until the dashboard's row for ProfileGrain shows a
    /// throughput above zero. Silos count calls only while the dashboard is watched, and the page's first
    /// poll turns counting on asynchronously, so reads of the first round may go uncounted.
    /// </summary>
    private async Task<int> ReadUntilTheDashboardShowsCallsAsync(ILocator throughput, CancellationToken cancellationToken)
    {
        using var api = Topology.ClientApis.Single().CreateApiClient(_requestTimeout);
        var ids = Enumerable.Range(0, Profiles).Select(_ => Topology.NextProfileId()).ToList();
        var clock = Stopwatch.StartNew();
        for (var round = 1; ; round++)
        {
            foreach (var id in ids)
            {
                var read = await api.GetProfileAsync(id, cancellationToken);
                Assert.True(read.IsOk, read.ToString());
            }

            try
            {
                await Expect(throughput).ToHaveTextAsync(NonZeroThroughput(), new() { Timeout = RoundTimeoutMilliseconds });
                return round;
            }
            catch (PlaywrightException) when (clock.Elapsed < _callsTimeout)
            {
                // Not counted yet: read again.
            }
            catch (PlaywrightException exception)
            {
                throw new TimeoutException(
                    $"Waited {_callsTimeout.TotalSeconds:0} s ({round} rounds of {Profiles} profile reads) for the dashboard's Grains page " +
                    $"to show calls of ProfileGrain; it did not. {exception.Message}",
                    exception);
            }
        }
    }

    private async Task AttachScreenshotIfTheTestFailedAsync()
    {
        if (_operatorPage is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var screenshot = await _operatorPage.ScreenshotAsync(new() { FullPage = true });
            TestContext.Current.AddAttachment("dashboard.png", screenshot, "image/png");
        }
    }

    private async Task<IPage> NewPageAsync(HttpCredentials? credentials)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { HttpCredentials = credentials });
        context.SetDefaultTimeout(PageTimeoutMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>What the browser got for <paramref name="address"/> when it was refused.</summary>
    private async Task<(IPage Page, IResponse Response)> OpenRefusedAsync(Uri address, HttpCredentials? credentials)
    {
        var page = await NewPageAsync(credentials);
        var response = await page.RunAndWaitForResponseAsync(() => NavigateAsync(page, address), address.ToString());
        return (page, response);
    }

    private static async Task NavigateAsync(IPage page, Uri address)
    {
        try
        {
            await page.GotoAsync(address.ToString());
        }
        catch (PlaywrightException exception) when (exception.Message.Contains("ERR_INVALID_AUTH_CREDENTIALS", StringComparison.Ordinal))
        {
            // With no credentials to offer, Chromium gives up on the Basic challenge where a person would get a prompt.
        }
    }

    /// <summary>One of the dashboard's titled panels.</summary>
    private static ILocator Card(IPage page, string title) =>
        page.Locator(".card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });

    /// <summary>The table row a link is in (the dashboard nests tables, so the nearest one).</summary>
    private static ILocator RowOf(ILocator link) => link.Locator("xpath=ancestor::tr[1]");

    /// <summary>How the dashboard names a silo: its advertised address and port, then <c>@</c> and its generation.</summary>
    private static Regex SiloAddress(JuiceboxHost silo) => new($"^127\\.0\\.0\\.1:{silo.SiloPort}@\\d+$");

    [GeneratedRegex(@"^(?!0\.00 )\d+\.\d\d req/sec$")]
    private static partial Regex NonZeroThroughput();
}

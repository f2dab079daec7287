using Juicebox.EndToEnd.Tests.Dashboard;

namespace Juicebox.EndToEnd.Tests.WebConsole;

/// <summary>One Embedded client-api process and one Chromium for every console test of the class.</summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    private EmbeddedApiProcess? _host;
    private SystemChromium? _chromium;

    public EmbeddedApiProcess Host => _host ?? throw new InvalidOperationException("client-api did not start.");

    public SystemChromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium did not start.");

    /// <summary>Where the screenshots of every page go: the test results, and from there the docs (docs/images).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryLayout.Root, "TestResults", "console-screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _chromium = await SystemChromium.LaunchAsync();
        // Unpaced: the job of the jobs test is done in a second or two. The tests that need untouched profiles
        // take them from the upper half, away from the first search results that other tests open and enrich.
        _host = await EmbeddedApiProcess.StartAsync(
            profiles: 2_000, requestsPerMinute: 60_000, TestContext.Current.CancellationToken, firstFreshProfileIndex: 1_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

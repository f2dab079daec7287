using Microsoft.Playwright;

namespace Juicebox.EndToEnd.Tests.Dashboard;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: the driver ships inside the Microsoft.Playwright
/// package and runs offline; Playwright's own browser builds are never downloaded or used.
/// <c>scripts/ensure-chromium.sh</c> (run by <c>./test.sh</c>) installs the browser.
/// </summary>
public sealed class SystemChromium : IAsyncDisposable
{
    /// <summary>Where the browser is looked for; <c>JUICEBOX_CHROMIUM</c> overrides it, as for the install script.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("JUICEBOX_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private SystemChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<SystemChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}: run scripts/ensure-chromium.sh (./test.sh does), or apt-get install -y chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
            return new SystemChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

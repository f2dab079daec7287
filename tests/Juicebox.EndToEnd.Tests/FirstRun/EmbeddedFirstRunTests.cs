using System.Globalization;

namespace Juicebox.EndToEnd.Tests.FirstRun;

/// <summary>
/// What a new user sees after <c>dotnet run --project client-api</c>: the built client-api started in a
/// folder of its own (so no appsettings.json is found, as when run from the repository's root) and
/// without a PostgreSQL connection string, i.e. in Embedded mode.
/// </summary>
public sealed class EmbeddedFirstRunTests : IDisposable
{
    private const string BannerHeadline = "Orleans.Juicebox is running in Embedded mode";
    private const int FirstScreen = 10;

    // Embedded mode starts a silo and a 5,000-profile sandbox: seconds alone, much longer on a busy 2-core machine.
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("juicebox-first-run-");

    public void Dispose() => _workingDirectory.Delete(recursive: true);

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task TheBanner_IsWithinTheFirstTenLines_AndOrleansSaysNothingAtInformation()
    {
        await using var host = Start(new Dictionary<string, string?>());

        await host.WaitForOutputAsync(line => line.Contains(BannerHeadline, StringComparison.Ordinal), "its banner", _startTimeout, TestContext.Current.CancellationToken);

        var lines = host.FirstStandardOutput;
        var bannerLine = lines.ToList().FindIndex(line => line.Contains(BannerHeadline, StringComparison.Ordinal)) + 1;
        var firstScreen = string.Join(Environment.NewLine, lines.Take(FirstScreen));
        Assert.True(bannerLine <= FirstScreen, $"the banner is on line {bannerLine}; the first {FirstScreen} lines were:{Environment.NewLine}{firstScreen}");
        Assert.DoesNotContain(lines.Take(bannerLine), line => line.StartsWith("info: Orleans", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestLimits.TestTimeoutMilliseconds)]
    public async Task LoggingLogLevelOrleans_Information_BringsOrleansStartUpLinesBack()
    {
        await using var host = Start(new Dictionary<string, string?> { ["Logging__LogLevel__Orleans"] = "Information" });

        await host.WaitForOutputAsync(
            line => line.StartsWith("info: Orleans.Runtime.Silo", StringComparison.Ordinal),
            "an Information line of Orleans' silo",
            _startTimeout,
            TestContext.Current.CancellationToken);

        Assert.Contains(host.FirstStandardOutput, line => line.StartsWith("info: Orleans.Runtime.Silo", StringComparison.Ordinal));
    }

    private HostProcess Start(Dictionary<string, string?> environment)
    {
        // Ports of its own, so the test neither waits for nor disturbs another Embedded silo on this machine.
        environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        environment["ConnectionStrings__Postgres"] = "";
        var assembly = RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi");
        return HostProcess.Start("client-api-embedded", assembly, _workingDirectory.FullName, environment, "--urls", "http://127.0.0.1:0");
    }
}

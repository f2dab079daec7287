namespace Juicebox.Cli.Tests;

/// <summary>One client-api in Embedded mode (a process) for every CLI test, and a scratch directory for their files.</summary>
public sealed class CliHostFixture : IAsyncLifetime
{
    /// <summary>
    /// The upstream key's pace: twenty calls a second. A batch call enriches up to 100 profiles, so a job
    /// of 10,000 takes about five seconds: long enough to watch its progress bar move (a progress event
    /// per settled batch), short enough for CI.
    /// </summary>
    public const int RequestsPerMinute = 1_200;

    private EmbeddedApiProcess? _host;

    public EmbeddedApiProcess Host => _host ?? throw new InvalidOperationException("client-api did not start.");

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("juicebox-cli-tests-").FullName;

    /// <summary>Where the terminal session's transcript is kept for the docs.</summary>
    public static string ResultsDirectory { get; } = Path.Combine(RepositoryLayout.Root, "TestResults", "cli");

    public Dictionary<string, string?> Environment(string key = EmbeddedApiProcess.ApiKey) => new()
    {
        ["JUICEBOX_URL"] = Host.Address.ToString(),
        ["JUICEBOX_KEY"] = key,
    };

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(ResultsDirectory);
        // Enough profiles for every id the tests take (the 10,000-id job, the 8,000 of the interrupted one, and the rest).
        _host = await EmbeddedApiProcess.StartAsync(profiles: 20_000, RequestsPerMinute, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

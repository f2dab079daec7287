using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Tests.Hosting;

public sealed partial class StandaloneProcessTests
{
    [Fact]
    public async Task Sandbox_RunsAsItsOwnProcess_WithSettingsFromEnvironmentAndCommandLine()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var assembly = typeof(SandboxServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", "http://127.0.0.1:0", "--Sandbox:ProfileCount=300" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Sandbox__Seed"] = "4242";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            var root = await ReadListeningAddressAsync(process, cancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(root + "/v1/") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sb_pro");

            var expected = new SandboxCorpus(4242, 300);
            var known = await http.GetAsync($"profiles/{expected.Ids.ToId(299)}", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
            Assert.Contains(expected.GetProfile(299).Name, await known.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);

            var beyond = await http.GetAsync($"profiles/{new SandboxCorpus(4242, 1_000).Ids.ToId(300)}", cancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<string> ReadListeningAddressAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"The sandbox process exited before listening: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}

using System.Text.RegularExpressions;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// Redocly's CLI lints the committed document with its recommended rules (tools/redocly/redocly.yaml):
/// no error and no warning. scripts/ensure-redocly.sh (run by test.sh) installs the CLI.
/// </summary>
public sealed partial class OpenApiLintTests
{
    [Fact]
    public async Task TheCommittedDocument_PassesRedoclysRecommendedRules_WithoutWarnings()
    {
        var folder = Path.Combine(RepositoryLayout.Root, "tools", "redocly");
        var cli = Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly's CLI is not installed at {cli}: run scripts/ensure-redocly.sh (test.sh does).");

        Environment.SetEnvironmentVariable("REDOCLY_TELEMETRY", "off");
        Environment.SetEnvironmentVariable("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        var result = await ProcessRunner.RunAsync("node",
            [cli, "lint", Path.Combine(RepositoryLayout.Root, ContractDocument.CommittedPath), "--config", Path.Combine(folder, "redocly.yaml"), "--format", "stylish"],
            TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        var counts = Counts().Match(result.Output);
        var clean = result.Output.Contains("Woohoo! Your API description is valid.", StringComparison.Ordinal)
            && !result.Output.Contains("You have ", StringComparison.Ordinal);
        Assert.True(result.Succeeded && clean && !counts.Success,
            $"Redocly's lint of {ContractDocument.CommittedPath} is not clean (exit code {result.ExitCode}); fix the document's source, " +
            $"or switch the rule off in tools/redocly/redocly.yaml with the reason beside it:{Environment.NewLine}{result.Output}");
    }

    [GeneratedRegex(@"(\d+) errors? and (\d+) warnings?|You have (\d+) warnings?")]
    private static partial Regex Counts();
}

namespace Juicebox.Cli.Tests;

/// <summary>
/// The CLI as people install it: packed as a .NET tool, installed from that folder alone (no package
/// registry), and run by its command name. It packs the build the suite already made (<c>--no-build</c>),
/// so it costs seconds rather than a second compile of the CLI.
/// </summary>
public sealed class CliToolPackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Packed_ThenInstalledAsADotnetToolFromAFolderAlone_TheJuiceboxCommandRuns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("juicebox-tool-");
        try
        {
            var packages = Path.Combine(work.FullName, "packages");
            var tools = Path.Combine(work.FullName, "tools");
            var project = Path.Combine(RepositoryLayout.Root, "cli", "Juicebox.Cli", "Juicebox.Cli.csproj");
            var pack = await ProcessRunner.RunAsync(
                "dotnet", ["pack", project, "-c", RepositoryLayout.Configuration, "--no-build", "-o", packages, "-nologo"], StepTimeout, cancellationToken);
            Assert.True(pack.Succeeded, pack.Output);
            Assert.True(File.Exists(Path.Combine(packages, "Juicebox.Cli.0.1.0.nupkg")), pack.Output);

            // Only the folder: a registry that is unreachable, or holds another Juicebox.Cli, plays no part.
            var config = Path.Combine(work.FullName, "nuget.config");
            await File.WriteAllTextAsync(config, """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="packages" />
                  </packageSources>
                </configuration>
                """, cancellationToken);
            var install = await ProcessRunner.RunAsync(
                "dotnet", ["tool", "install", "Juicebox.Cli", "--tool-path", tools, "--configfile", config], StepTimeout, cancellationToken);
            Assert.True(install.Succeeded, install.Output);

            var help = await ProcessRunner.RunAsync(Path.Combine(tools, "juicebox"), ["--help"], StepTimeout, cancellationToken);
            Assert.True(help.Succeeded, help.Output);
            Assert.Contains("juicebox [command] [options]", help.Output, StringComparison.Ordinal);
            Assert.All(["search <query>", "profile <id>", "enrich", "job <jobId>", "ops"], command => Assert.Contains(command, help.Output, StringComparison.Ordinal));
            var version = await ProcessRunner.RunAsync(Path.Combine(tools, "juicebox"), ["--version"], StepTimeout, cancellationToken);
            Assert.True(version.Succeeded, version.Output);
            Assert.StartsWith("0.1.0", version.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>
/// <c>deploy/docker-entrypoint.sh</c>, the entry point of every host image, run with stand-ins for
/// <c>hostname</c> and <c>dotnet</c> that behave as they do inside a container on a compose network.
/// </summary>
public sealed class DockerEntrypointTests : IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _bin = Directory.CreateTempSubdirectory("juicebox-entrypoint-test-");

    public void Dispose() => _bin.Delete(recursive: true);

    [Fact]
    public async Task Silo_AdvertisesTheContainersOwnIPv4Address_AndGetsItsArguments()
    {
        var result = await RunEntrypointAsync(hostAddresses: "fd00:dead::7 172.18.0.7", advertised: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("advertised=172.18.0.7 args=Juicebox.Silo.dll --urls http://0.0.0.0:8080", result.Output);
    }

    [Fact]
    public async Task AnAddressSetInTheEnvironment_IsKept()
    {
        var result = await RunEntrypointAsync(hostAddresses: "172.18.0.7", advertised: "10.1.2.3");

        Assert.Equal("advertised=10.1.2.3 args=Juicebox.Silo.dll --urls http://0.0.0.0:8080", result.Output);
    }

    [Fact]
    public async Task WithoutANonLoopbackAddress_OrleansChooses()
    {
        var result = await RunEntrypointAsync(hostAddresses: "127.0.1.1", advertised: null);

        Assert.Equal("advertised= args=Juicebox.Silo.dll --urls http://0.0.0.0:8080", result.Output);
    }

    private async Task<CommandResult> RunEntrypointAsync(string hostAddresses, string? advertised)
    {
        await WriteExecutableAsync("hostname", $"#!/bin/sh\n[ \"$1\" = -i ] && echo '{hostAddresses}'\n");
        await WriteExecutableAsync("dotnet", "#!/bin/sh\necho \"advertised=${Orleans__AdvertisedIPAddress:-} args=$*\"\n");
        return await CommandLine.RunAsync(
            "sh",
            [Path.Combine(RepositoryLayout.Root, "deploy", "docker-entrypoint.sh"), "--urls", "http://0.0.0.0:8080"],
            new Dictionary<string, string?>
            {
                ["PATH"] = $"{_bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}",
                ["HOST_ASSEMBLY"] = "Juicebox.Silo.dll",
                ["Orleans__AdvertisedIPAddress"] = advertised,
            },
            _timeout,
            TestContext.Current.CancellationToken);
    }

    private async Task WriteExecutableAsync(string name, string script)
    {
        var path = Path.Combine(_bin.FullName, name);
        await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

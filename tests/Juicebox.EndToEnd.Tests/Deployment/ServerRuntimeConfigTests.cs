using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>The server hosts as built carry the runtime settings of <c>deploy/ServerRuntime.props</c> (docs/configuration.md, ".NET runtime").</summary>
public sealed class ServerRuntimeConfigTests
{
    [Theory]
    [InlineData("silo", "Juicebox.Silo")]
    [InlineData("client-api", "Juicebox.ClientApi")]
    public async Task The_host_starts_with_idle_thread_pool_workers_that_do_not_spin(string projectFolder, string assemblyName)
    {
        var runtimeConfig = Path.ChangeExtension(RepositoryLayout.HostAssembly(projectFolder, assemblyName), ".runtimeconfig.json");

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(runtimeConfig, TestContext.Current.CancellationToken));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit), $"{runtimeConfig} sets no spin limit");
        Assert.Equal(0, spinLimit.GetInt32());
    }
}

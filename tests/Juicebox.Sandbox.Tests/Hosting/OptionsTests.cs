using Juicebox.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Tests.Hosting;

public sealed class OptionsTests
{
    [Fact]
    public void Options_BindFromTheSandboxSection()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Seed"] = "123",
            ["Sandbox:ProfileCount"] = "777",
            ["Sandbox:Keys:0:Key"] = "bench",
            ["Sandbox:Keys:0:Plan"] = "business",
            ["Sandbox:Keys:0:RequestsPerMinute"] = "5",
            ["Sandbox:Keys:0:Scopes:0"] = "search",
            ["Sandbox:Faults:LatencyMs"] = "15",
            ["Sandbox:Faults:FailAll"] = "true",
        });
        builder.AddJuiceboxSandbox();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        Assert.Equal(123, options.Seed);
        Assert.Equal(777, options.ProfileCount);
        var key = Assert.Single(options.Keys);
        Assert.Equal(("bench", "business", 5), (key.Key, key.Plan, key.RequestsPerMinute));
        Assert.Equal(["search"], key.Scopes);
        Assert.Equal(15, options.Faults.LatencyMs);
        Assert.True(services.GetRequiredService<FaultState>().Current.FailAll);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new SandboxOptions();
        Assert.Equal(10_000, options.ProfileCount);
        Assert.True(options.IncludeDefaultKeys);
        Assert.Empty(options.Keys);
        Assert.Equal(0, options.Faults.ErrorRate);
        Assert.False(options.Faults.FailAll);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RateWindow);
    }

    [Fact]
    public async Task InvalidOptions_FailAtStart_NamingTheSetting()
    {
        var options = new SandboxOptions
        {
            ProfileCount = 0,
            RateWindow = TimeSpan.FromSeconds(1.5),
            Keys = [new Juicebox.Sandbox.Accounts.SandboxKeyOptions { Key = "x", Plan = "platinum" }],
            Faults = new SandboxFaultOptions { ErrorRate = 2 },
        };

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => SandboxServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(exception.Failures, failure => failure.Contains("Sandbox:ProfileCount", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("Sandbox:RateWindow (Sandbox__RateWindow)", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("Sandbox:Keys:0:Plan", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("Sandbox:Faults:ErrorRate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerAddresses_AreRootAndV1()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 10 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("127.0.0.1", server.RootAddress.Host);
        Assert.NotEqual(0, server.RootAddress.Port);
        Assert.Equal("/", server.RootAddress.AbsolutePath);
        Assert.Equal(new Uri(server.RootAddress, "v1/"), server.BaseAddress);

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var health = await http.GetStringAsync("health", TestContext.Current.CancellationToken);
        Assert.Equal("""{"status":"ok"}""", health);
    }
}

using Juicebox.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Juicebox.Client.Tests;

/// <summary>Binding, defaults and start-up validation of <see cref="JuiceboxOptions"/>.</summary>
public sealed class OptionsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingKey_FailsAtStart_NamingTheSettingAndTheEnvironmentVariable()
    {
        var exception = await StartAsync(new() { ["Juicebox:BaseUrl"] = "http://127.0.0.1:9/v1" });

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("Juicebox:ApiKey", failure, StringComparison.Ordinal);
        Assert.Contains("Juicebox__ApiKey", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/v1")]
    [InlineData("ftp://api.example.com/v1")]
    [InlineData("https://api.example.com/v1?key=x")]
    public async Task BadBaseUrl_FailsAtStart_NamingTheSettingAndTheEnvironmentVariable(string baseUrl)
    {
        var exception = await StartAsync(new() { ["Juicebox:BaseUrl"] = baseUrl, ["Juicebox:ApiKey"] = "k" });

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("Juicebox:BaseUrl", failure, StringComparison.Ordinal);
        Assert.Contains("Juicebox__BaseUrl", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFailure_IsReportedAtOnce()
    {
        var exception = await StartAsync(new()
        {
            ["Juicebox:BaseUrl"] = "nope",
            ["Juicebox:Resilience:AttemptTimeout"] = "00:01:00",
            ["Juicebox:Resilience:TotalTimeout"] = "00:00:30",
            ["Juicebox:Resilience:MaxRetries"] = "-1",
            ["Juicebox:Resilience:MaxRetryAfter"] = "00:05:00",
            ["Juicebox:Resilience:CircuitBreaker:FailureRatio"] = "0",
            ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "1",
            ["Juicebox:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:00.100",
            ["Juicebox:Resilience:CircuitBreaker:BreakDuration"] = "00:00:00",
        });

        string[] settings =
        [
            "Juicebox__BaseUrl", "Juicebox__ApiKey", "Juicebox__Resilience__AttemptTimeout", "Juicebox__Resilience__MaxRetries",
            "Juicebox__Resilience__MaxRetryAfter", "Juicebox__Resilience__CircuitBreaker__FailureRatio",
            "Juicebox__Resilience__CircuitBreaker__MinimumThroughput", "Juicebox__Resilience__CircuitBreaker__SamplingDuration",
            "Juicebox__Resilience__CircuitBreaker__BreakDuration",
        ];
        Assert.Equal(settings.Length, exception.Failures.Count());
        Assert.All(settings, setting => Assert.Contains(exception.Failures, failure => failure.Contains(setting, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CustomSection_NamesItsOwnPathsAndEnvironmentVariables()
    {
        var exception = await StartAsync(new() { ["Upstream:Juicebox:BaseUrl"] = "https://api.example.com/v1" }, "Upstream:Juicebox");

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("Upstream:Juicebox:ApiKey", failure, StringComparison.Ordinal);
        Assert.Contains("Upstream__Juicebox__ApiKey", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedKey_IsRejected_WithoutShowingIt()
    {
        const string key = "sb_half a key";

        var exception = await StartAsync(new() { ["Juicebox:ApiKey"] = key });

        Assert.Contains("Juicebox__ApiKey", Assert.Single(exception.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain(key, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidSettings_StartTheHost_WithTheProductionBaseUrlByDefault()
    {
        using var host = BuildHost(new() { ["Juicebox:ApiKey"] = "k" });

        await host.StartAsync(Cancellation);
        var options = host.Services.GetRequiredService<IOptions<JuiceboxOptions>>().Value;
        var httpClient = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IJuiceboxClient));
        await host.StopAsync(Cancellation);

        Assert.Equal("https://api.juicebox.ai/v1", options.BaseUrl);
        Assert.Equal(new Uri("https://api.juicebox.ai/v1/"), httpClient.BaseAddress);
        Assert.Equal(new JuiceboxResilienceOptions(), options.Resilience);
        Assert.IsType<JuiceboxClient>(host.Services.GetRequiredService<IJuiceboxClient>());
    }

    [Fact]
    public void EnvironmentVariables_BindThroughTheDoubleUnderscoreConvention()
    {
        var prefix = $"JBTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable($"{prefix}Juicebox__BaseUrl", "http://127.0.0.1:5001/v1");
        Environment.SetEnvironmentVariable($"{prefix}Juicebox__ApiKey", "from-env");
        Environment.SetEnvironmentVariable($"{prefix}Juicebox__Resilience__MaxRetries", "5");
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());
            services.AddJuiceboxClient();
            using var provider = services.BuildServiceProvider();

            var options = provider.GetRequiredService<IOptions<JuiceboxOptions>>().Value;

            Assert.Equal("http://127.0.0.1:5001/v1", options.BaseUrl);
            Assert.Equal("from-env", options.ApiKey);
            Assert.Equal(5, options.Resilience.MaxRetries);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{prefix}Juicebox__BaseUrl", null);
            Environment.SetEnvironmentVariable($"{prefix}Juicebox__ApiKey", null);
            Environment.SetEnvironmentVariable($"{prefix}Juicebox__Resilience__MaxRetries", null);
        }
    }

    [Fact]
    public void AddJuiceboxClient_GuardsItsArguments()
    {
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddJuiceboxClient());
        Assert.Throws<ArgumentException>("configSectionPath", () => new ServiceCollection().AddJuiceboxClient(" "));
    }

    private static async Task<OptionsValidationException> StartAsync(Dictionary<string, string?> settings, string section = JuiceboxOptions.DefaultSectionName)
    {
        using var host = BuildHost(settings, section);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Cancellation));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, string section = JuiceboxOptions.DefaultSectionName)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddJuiceboxClient(section);
        return builder.Build();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>
/// A service provider with the Juicebox client registered the way a host does it, configured
/// through <c>IConfiguration</c>, with short timeouts and every log record of every category
/// captured at Trace level.
/// </summary>
public sealed class ClientHarness : IAsyncDisposable
{
    /// <summary>A key distinctive enough that any trace of it in logs or messages is unmistakable.</summary>
    public const string ApiKey = "jbx_TEST_9f3b2c71d4e8a6_SECRET";

    private ClientHarness(ServiceProvider services)
    {
        Services = services;
        Client = services.GetRequiredService<IJuiceboxClient>();
        Logs = services.GetFakeLogCollector();
    }

    public ServiceProvider Services { get; }

    public IJuiceboxClient Client { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Settings a test can start from; keys are configuration paths.</summary>
    public static Dictionary<string, string?> DefaultSettings(Uri baseAddress, string apiKey = ApiKey) => new()
    {
        ["Juicebox:BaseUrl"] = baseAddress.ToString(),
        ["Juicebox:ApiKey"] = apiKey,
        ["Juicebox:Resilience:AttemptTimeout"] = "00:00:02",
        ["Juicebox:Resilience:TotalTimeout"] = "00:00:10",
        ["Juicebox:Resilience:MaxRetries"] = "3",
        ["Juicebox:Resilience:RetryBaseDelay"] = "00:00:00.020",
        ["Juicebox:Resilience:MaxRetryAfter"] = "00:00:03",

        // Out of the way unless a test is about the breaker.
        ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "1000",
        ["Juicebox:Resilience:CircuitBreaker:BreakDuration"] = "00:00:01",
    };

    public static ClientHarness Create(
        Uri baseAddress,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IHttpClientBuilder>? configureClient = null,
        string apiKey = ApiKey,
        Action<IServiceCollection>? configureHost = null)
    {
        var settings = DefaultSettings(baseAddress, apiKey);
        configure?.Invoke(settings);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        configureHost?.Invoke(services);
        var builder = services.AddJuiceboxClient();
        configureClient?.Invoke(builder);

        return new ClientHarness(services.BuildServiceProvider(validateScopes: true));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

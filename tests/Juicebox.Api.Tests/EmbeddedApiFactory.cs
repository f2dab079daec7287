using Juicebox.Api.Tests.Contract;
using Juicebox.ClientApi.Hosting;
using Juicebox.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests;

/// <summary>client-api in Embedded mode, in this process: its own silo and an in-process sandbox.</summary>
public class EmbeddedApiFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "api-tests-key-0001";
    public const string OperatorKey = "api-tests-operator-0001";

    private readonly Dictionary<string, string?> _settings = DefaultSettings();

    private int _nextProfileIndex;

    /// <summary>The settings every host of these tests starts with (fresh ports each time); <see cref="WithSetting"/> adds to them.</summary>
    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Api:Keys:0"] = ApiKey,
        ["Api:OperatorKeys:0"] = OperatorKey,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),

        // Embedded mode's sandbox key, with a per-minute limit high enough that the cluster's pacing
        // costs these tests nothing, also before the budget has read it from GET /usage.
        ["Sandbox:Keys:0:Key"] = "sb_business",
        ["Sandbox:Keys:0:Plan"] = "business",
        ["Sandbox:Keys:0:RequestsPerMinute"] = "60000",
        ["UpstreamBudget:DefaultRequestsPerMinute"] = "60000",

        // Failures are injected on purpose here: answer them at once, and never open the circuit.
        ["Juicebox:Resilience:MaxRetries"] = "0",
        ["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
    };

    public EmbeddedApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public SandboxServer Sandbox => Services.GetRequiredService<EmbeddedSandbox>().Server;

    /// <summary>A sandbox profile id no other test of this factory has used.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    /// <summary>A client whose every response is checked against the committed OpenAPI document (<see cref="ConformanceHandler"/>).</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<DelegatingHandler> handlers = [];
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        // Innermost, so that it sees every response the server sends, redirects included.
        handlers.Add(new ConformanceHandler(ContractDocument.Committed, ConformanceHandler.ReportFile));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    public HttpClient CreateAuthorizedClient(string key = ApiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFactory>
{
    public const string Name = "Embedded API";
}

using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>
/// A private in-process sandbox for one test, with its admin endpoints (faults, stats) at hand.
/// The corpus is kept small so that start-up stays cheap.
/// </summary>
public sealed class SandboxHarness : IAsyncDisposable
{
    /// <summary>A pro key whose value is distinctive enough to search logs and messages for.</summary>
    public const string SecretKey = "sb_pro_SECRET_5c1d8e0f2a9b";

    /// <summary>A key that may search and read profiles but not enrich.</summary>
    public const string NoEnrichKey = "sb_no_enrich";

    /// <summary>A key with a single enrichment per month.</summary>
    public const string OneEnrichmentKey = "sb_one_enrichment";

    private readonly HttpClient _admin;

    private readonly SandboxServer _server;

    private SandboxHarness(SandboxServer server)
    {
        _server = server;
        _admin = new HttpClient { BaseAddress = server.RootAddress };
    }

    /// <summary>The API root, <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<SandboxHarness> StartAsync()
    {
        var options = new SandboxOptions
        {
            ProfileCount = 2_000,
            Keys =
            [
                new SandboxKeyOptions { Key = SecretKey, Plan = "pro" },
                new SandboxKeyOptions { Key = NoEnrichKey, Plan = "pro", Scopes = [ApiScopes.Search, ApiScopes.Profiles] },
                new SandboxKeyOptions { Key = OneEnrichmentKey, Plan = "pro", EnrichmentsPerMonth = 1 },
            ],
        };
        return new SandboxHarness(await SandboxServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken));
    }

    public async Task SetFaultsAsync(SandboxFaultOptions faults)
    {
        using var response = await _admin.PutAsJsonAsync("_sandbox/faults", faults, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many times the sandbox saw a call, by its contract route (<c>"GET /profiles/{id}"</c>).</summary>
    public async Task<long> CallsAsync(string route)
    {
        using var stats = await StatsAsync();
        return stats.RootElement.GetProperty("calls").TryGetProperty(route, out var count) ? count.GetInt64() : 0;
    }

    public async Task<long> EnrichmentsChargedAsync()
    {
        using var stats = await StatsAsync();
        return stats.RootElement.GetProperty("enrichments").GetProperty("charged").GetInt64();
    }

    /// <summary>Any profile id the sandbox knows.</summary>
    public async Task<string> AnyProfileIdAsync(IJuiceboxClient client)
    {
        var page = await client.SearchAsync(new SearchRequest { Query = "engineer", Limit = 1 }, TestContext.Current.CancellationToken);
        return page.Value.Profiles.Single().Id;
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<JsonDocument> StatsAsync()
    {
        await using var body = await _admin.GetStreamAsync("_sandbox/stats", TestContext.Current.CancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: TestContext.Current.CancellationToken);
    }
}

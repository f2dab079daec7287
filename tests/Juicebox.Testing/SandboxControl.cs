using System.Net.Http.Json;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Testing;

/// <summary>Reads the sandbox's counters and sets its faults through its <c>/_sandbox</c> endpoints.</summary>
public sealed class SandboxControl(Uri rootAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = rootAddress, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<SandboxStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<SandboxStats>("_sandbox/stats", cancellationToken)
            ?? throw new InvalidOperationException("The sandbox returned no stats.");

    /// <summary>How many times the upstream answered <paramref name="call"/>, e.g. <c>"GET /profiles/{id}"</c>.</summary>
    public async Task<int> CountCallsAsync(string call, CancellationToken cancellationToken = default) =>
        (await GetStatsAsync(cancellationToken)).Calls.GetValueOrDefault(call);

    public async Task SetFaultsAsync(SandboxFaultOptions faults, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync("_sandbox/faults", faults, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SetFaultsAsync(new SandboxFaultOptions(), cancellationToken);

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("_sandbox/reset", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The body of <c>GET /_sandbox/stats</c>.</summary>
public sealed record SandboxStats(
    Dictionary<string, int> Calls,
    Dictionary<string, int> Statuses,
    SandboxEnrichmentStats Enrichments);

/// <summary>Enrichments charged, and how many distinct profiles they were for.</summary>
public sealed record SandboxEnrichmentStats(int Charged, int DistinctProfiles);

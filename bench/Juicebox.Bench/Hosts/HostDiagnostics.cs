using System.Net.Http.Json;
using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>Reads a host's <c>/_diagnostics/process</c> and <c>/metrics</c> (hosts of a bench run enable them).</summary>
public static class HostDiagnostics
{
    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Memory, allocations and CPU of the host's process; after a full collection when <paramref name="collect"/>.</summary>
    public static async Task<ProcessFigures> ReadProcessAsync(JuiceboxHost host, bool collect, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<ProcessFigures>(new Uri(host.HttpAddress, $"_diagnostics/process?collect={(collect ? "true" : "false")}"), cancellationToken)
            ?? throw new InvalidOperationException($"{host.Name} returned no process figures.");

    /// <summary>Activates <paramref name="count"/> new empty grains on the host's silo (in calls of at most 20,000).</summary>
    public static async Task ActivateProbesAsync(JuiceboxHost host, int count, CancellationToken cancellationToken)
    {
        for (var left = count; left > 0; left -= 20_000)
        {
            using var response = await _http.PostAsync(new Uri(host.HttpAddress, $"_diagnostics/probe-activations?count={Math.Min(left, 20_000)}"), content: null, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    public static Task<string> ReadMetricsAsync(JuiceboxHost host, CancellationToken cancellationToken) =>
        _http.GetStringAsync(new Uri(host.HttpAddress, "metrics"), cancellationToken);
}

/// <summary>The body of a host's <c>GET /_diagnostics/process</c>.</summary>
public sealed record ProcessFigures(
    long ManagedHeapBytes,
    long GcHeapSizeBytes,
    long GcCommittedBytes,
    long WorkingSetBytes,
    long PrivateMemoryBytes,
    long TotalAllocatedBytes,
    double CpuSeconds,
    IReadOnlyList<int> Collections,
    double JitSeconds,
    long JitCompiledMethods,
    bool InlineSocketCompletions);

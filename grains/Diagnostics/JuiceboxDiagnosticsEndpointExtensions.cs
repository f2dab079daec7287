using System.Collections.Concurrent;
using System.Text;
using Juicebox.GrainInterfaces.Diagnostics;
using Juicebox.Grains.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the <c>/_diagnostics</c> endpoints when <see cref="DiagnosticsOptions.Enabled"/>: the
/// benchmark's view of a host. Like <c>/metrics</c> they need no key and carry no ids or personal data.
/// </summary>
public static class JuiceboxDiagnosticsEndpointExtensions
{
    public const string ProcessPath = "/_diagnostics/process";
    public const string ConstantPath = "/_diagnostics/constant";
    public const string ProbeActivationsPath = "/_diagnostics/probe-activations";

    private const int MinConstantBytes = 16;
    private const int MaxConstantBytes = 1 << 20;
    private const int MaxProbeActivations = 200_000;
    private const int ProbeCallsInFlight = 256;

    private static long _probesActivated;

    private static readonly ConcurrentDictionary<int, byte[]> _constantBodies = new();

    /// <summary>
    /// <c>GET /_diagnostics/process[?collect=true]</c>: memory, allocations and CPU of this process,
    /// after a full garbage collection when <c>collect</c> is true.
    /// <c>GET /_diagnostics/constant?bytes=N</c>: a constant JSON object of exactly N bytes, the
    /// cheapest answer this host can give; the benchmark's ceiling for reads of the same size.
    /// <c>POST /_diagnostics/probe-activations?count=N</c>: activates N new empty grains
    /// (<see cref="IDiagnosticsProbeGrain"/>), so that the growth of the heap shows Orleans' own cost per activation.
    /// </summary>
    public static IEndpointRouteBuilder MapJuiceboxDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(ProcessPath, (bool? collect) => TypedResults.Ok(ProcessSnapshot.Take(collect == true)))
            .ExcludeFromDescription();
        endpoints.MapGet(ConstantPath, (int bytes) => bytes is < MinConstantBytes or > MaxConstantBytes
                ? Results.Problem($"bytes must be between {MinConstantBytes} and {MaxConstantBytes}.", statusCode: StatusCodes.Status400BadRequest)
                : Results.Bytes(_constantBodies.GetOrAdd(bytes, ConstantBody), "application/json"))
            .ExcludeFromDescription();
        endpoints.MapPost(ProbeActivationsPath, ActivateProbesAsync)
            .WithName("ActivateDiagnosticsProbes")
            .WithSummary("Activates N empty grains: Orleans' own memory per activation, for the benchmark.")
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ActivateProbesAsync(int? count, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (count is not { } probes || probes is < 1 or > MaxProbeActivations)
        {
            return Results.Problem($"count must be between 1 and {MaxProbeActivations}.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Fresh keys on every call, so every call activates count new grains.
        var first = Interlocked.Add(ref _probesActivated, probes) - probes;
        await Parallel.ForAsync(
            first,
            first + probes,
            new ParallelOptions { MaxDegreeOfParallelism = ProbeCallsInFlight, CancellationToken = cancellationToken },
            async (key, _) => await grains.GetGrain<IDiagnosticsProbeGrain>($"probe{key:D12}").TouchAsync());
        return Results.Ok(new { activated = probes });
    }

    /// <summary><c>{"padding":"xxx…"}</c>, padded to <paramref name="bytes"/> bytes.</summary>
    private static byte[] ConstantBody(int bytes)
    {
        const string Prefix = "{\"padding\":\"";
        const string Suffix = "\"}";
        return Encoding.UTF8.GetBytes(Prefix + new string('x', bytes - Prefix.Length - Suffix.Length) + Suffix);
    }
}

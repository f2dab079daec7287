namespace Juicebox.GrainInterfaces.Diagnostics;

/// <summary>
/// A grain that holds nothing: what Orleans itself keeps per activation, which the benchmark's memory
/// figure subtracts from a hot profile's cost (<c>POST /_diagnostics/probe-activations</c>).
/// </summary>
[Alias("Juicebox.IDiagnosticsProbeGrain")]
public interface IDiagnosticsProbeGrain : IGrainWithStringKey
{
    /// <summary>Does nothing; the call activates the grain.</summary>
    [Alias("TouchAsync")]
    Task TouchAsync();
}

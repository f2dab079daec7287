using Juicebox.GrainInterfaces.Diagnostics;

namespace Juicebox.Grains.Diagnostics;

/// <summary>The empty grain of <see cref="IDiagnosticsProbeGrain"/>: no state, no fields.</summary>
public sealed class DiagnosticsProbeGrain : Grain, IDiagnosticsProbeGrain
{
    public Task TouchAsync() => Task.CompletedTask;
}

using System.Diagnostics;
using Juicebox.GrainInterfaces.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// The log scopes every record carries: the correlation id of the request or grain call being handled
/// (Orleans' request context holds it), the trace and span ids, then the scopes code began. The ids
/// are read when a record is written, not pushed for every grain call: most hot reads log nothing,
/// and a scope per call cost them more than the rest of the grain call's own work.
/// </summary>
public sealed class CorrelationScopeProvider : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider _begun = new();

    /// <summary>Makes every logger of the host's factory use this provider for its scopes.</summary>
    public static void Register(IServiceCollection services) =>
        services.TryAddSingleton<IExternalScopeProvider, CorrelationScopeProvider>();

    public IDisposable Push(object? state) => _begun.Push(state);

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (Correlation.Current is { } correlationId)
        {
            callback(new CorrelationLogScope(correlationId), state);
        }

        if (Activity.Current is { } activity)
        {
            callback(new ActivityLogScope(activity.TraceId.ToHexString(), activity.SpanId.ToHexString()), state);
        }

        _begun.ForEachScope(callback, state);
    }
}

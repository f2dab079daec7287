using OpenTelemetry.Metrics;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// ASP.NET Core instruments recorded on every request that no view, alert or page of ours reads:
/// dropped from the metrics pipeline, which then leaves them disabled, so a request no longer pays for
/// their measurements (a histogram or counter update each, about 2% of a hot read's CPU between them).
/// <c>http_server_request_duration_seconds</c> still counts and times every request, with its route and status.
/// </summary>
public static class UnreadInstruments
{
    /// <summary>Kestrel's buffer pool: a counter update on every rent and return of a block.</summary>
    public const string MemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    /// <summary>Instruments dropped by name, wherever their meter.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
    ];

    /// <summary>Whether <paramref name="instrument"/> is one of those this class drops.</summary>
    public static bool IsUnread(System.Diagnostics.Metrics.Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return string.Equals(instrument.Meter.Name, MemoryPoolMeter, StringComparison.Ordinal) || Names.Contains(instrument.Name, StringComparer.Ordinal);
    }

    /// <summary>Adds the view that drops them.</summary>
    public static MeterProviderBuilder DropUnreadInstruments(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.AddView(static instrument => IsUnread(instrument) ? MetricStreamConfiguration.Drop : null);
    }
}

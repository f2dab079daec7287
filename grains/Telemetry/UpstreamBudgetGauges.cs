using Juicebox.GrainInterfaces.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// What the budget gauges of this silo report: the latest state the cluster's one
/// <c>UpstreamBudgetGrain</c> published while its activation lives on this silo, and nothing on
/// every other silo, so that summing the series over the cluster counts the budget once.
/// </summary>
public sealed class UpstreamBudgetGauges([FromKeyedServices(JuiceboxServiceKeys.UpstreamClock)] TimeProvider clock)
{
    private volatile Reading? _reading;

    /// <summary>Publishes the budget's state and what the upstream last said about the current window.</summary>
    internal void Publish(UpstreamBudgetSnapshot snapshot, int? remaining, DateTimeOffset? windowReset) =>
        _reading = new Reading(snapshot, remaining, windowReset);

    /// <summary>The budget's activation left this silo: another silo reports from now on.</summary>
    internal void Withdraw() => _reading = null;

    internal UpstreamBudgetSnapshot? Snapshot => _reading?.Snapshot;

    /// <summary>
    /// Calls left in the upstream's current minute window: its last <c>x-ratelimit-remaining</c> while
    /// that window lasts, the whole limit once it has reset.
    /// </summary>
    internal int? Remaining =>
        _reading is not { } reading ? null
        : reading.Remaining is { } remaining && reading.WindowReset is { } reset && clock.GetUtcNow() < reset ? remaining
        : reading.Snapshot.RequestsPerMinute;

    /// <summary>1 while the budget holds calls back (a pause, a spent quota, a full pace), 0 otherwise.</summary>
    internal int? Blocked =>
        _reading is not { } reading ? null
        : reading.Snapshot.BlockedUntil is { } until && until > clock.GetUtcNow() ? 1 : 0;

    private sealed record Reading(UpstreamBudgetSnapshot Snapshot, int? Remaining, DateTimeOffset? WindowReset);
}

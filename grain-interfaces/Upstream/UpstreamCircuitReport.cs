namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>The state of one silo's upstream circuit breaker, as that silo last reported it.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.UpstreamCircuitReport")]
public sealed record class UpstreamCircuitReport
{
    /// <summary>The silo whose Juicebox client this is.</summary>
    [Id(0)] public required string Silo { get; init; }

    /// <summary>True while the circuit is open (calls fail fast) or half-open (one probe allowed).</summary>
    [Id(1)] public bool IsOpen { get; init; }

    /// <summary>Until when calls fail without being sent; null while closed.</summary>
    [Id(2)] public DateTimeOffset? OpenUntil { get; init; }

    /// <summary>How often this silo's circuit has opened since it started.</summary>
    [Id(3)] public long TimesOpened { get; init; }

    /// <summary>When the silo reported it.</summary>
    [Id(4)] public DateTimeOffset ReportedAt { get; init; }
}

using Juicebox.Bench.Scenarios;

namespace Juicebox.Bench.Reporting;

/// <summary>Everything one run measured; written as JSON, and as the table <see cref="FigureTable"/> builds.</summary>
public sealed record BenchReport
{
    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public IReadOnlyList<HotReadsResult> HotReads { get; init; } = [];

    public UpstreamEconomyResult? UpstreamEconomy { get; init; }

    public EnrichmentDrainResult? EnrichmentDrain { get; init; }

    public MemoryResult? Memory { get; init; }

    public PeerResult? Peer { get; init; }

    public ScaleResult? Scale { get; init; }

    public IReadOnlyList<ColdPathResult> ColdPaths { get; init; } = [];

    /// <summary>Scenarios that could not finish, and why.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Where the run's time went: each group (<c>--only</c>'s names) with its topologies' starts, warm-ups and loads.</summary>
    public IReadOnlyList<GroupTiming> Timings { get; init; } = [];

    public IReadOnlyList<FigureRow> Rows => FigureTable.Build(this);
}

/// <param name="Group">A scenario group as <c>--only</c> names it, or the run's own start-up.</param>
public sealed record GroupTiming(string Group, double Seconds);

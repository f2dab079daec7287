namespace Juicebox.GrainInterfaces.Search;

/// <summary>How far the warming of profile grains with the latest page has come.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.SearchWarmup")]
public sealed record class SearchWarmup
{
    /// <summary>True when no warming is running (also when none ever ran).</summary>
    [Id(0)] public bool IsComplete { get; init; } = true;

    /// <summary>Profile grains that were empty and now hold the page's summary.</summary>
    [Id(1)] public int SummariesStored { get; init; }

    /// <summary>Profiles asked for in the background <c>POST /profiles/batch</c>.</summary>
    [Id(2)] public int FullProfilesRequested { get; init; }

    /// <summary>Full profiles handed to their grains and stored there.</summary>
    [Id(3)] public int FullProfilesStored { get; init; }
}

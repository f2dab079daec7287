namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>What <see cref="IProfileGrain.WarmAsync"/> found and did.</summary>
[GenerateSerializer, Alias("Juicebox.ProfileWarming")]
public enum ProfileWarming
{
    /// <summary>The grain held nothing and now holds the summary; the full profile is still missing.</summary>
    SummaryStored = 0,

    /// <summary>The grain holds only a summary, or a full profile past its freshness window.</summary>
    NeedsProfile = 1,

    /// <summary>The grain holds a fresh full profile (perhaps enriched): nothing to do.</summary>
    Fresh = 2,

    /// <summary>Left alone: a read is fetching the profile right now, or the upstream said it does not exist.</summary>
    Skipped = 3,
}

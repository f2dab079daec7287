namespace Juicebox.Grains.Profiles;

/// <summary>How long profiles stay fresh and hot; bound from the <c>ProfileCache</c> section.</summary>
public sealed class ProfileCacheOptions
{
    public const string SectionName = "ProfileCache";

    /// <summary>How long a fetched profile is served without asking the upstream again.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an id the upstream does not know is answered 404 without asking again.</summary>
    public TimeSpan NotFoundTimeToLive { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After a failed background refresh, how long to serve the stale copy before trying again.</summary>
    public TimeSpan RefreshRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a profile stays in memory without reads before it is deactivated.</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(15);
}

namespace Juicebox.Grains.Privacy;

/// <summary>Erasure, suppression and retention of personal data; bound from the <c>Privacy</c> section.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// The secret of the keyed hash (HMAC-SHA256) under which erased ids are remembered, at least
    /// <see cref="MinimumKeyLength"/> characters. Required in Cluster mode, and the same on every silo;
    /// changing it forgets every suppression. Embedded mode uses <see cref="EmbeddedDevelopmentKey"/> when unset.
    /// </summary>
    public string? SuppressionKey { get; set; }

    /// <summary>How long an erased id stays suppressed (reads answer 410, searches omit it, enrichment rejects it).</summary>
    public TimeSpan SuppressFor { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Profiles neither read nor refreshed for this long are deleted by the retention job.</summary>
    public TimeSpan ProfileRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Contact blocks stored longer ago than this are removed by the retention job.</summary>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Audit rows older than this are deleted by the retention job.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A profile grain writes when it was last read at most this often (and when it is deactivated), so
    /// hot reads cost no database write; the retention job may see a read this much late.
    /// </summary>
    public TimeSpan LastReadWriteInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Set by the silo host in Cluster mode: a missing <see cref="SuppressionKey"/> then stops it. Not bound.</summary>
    internal bool SuppressionKeyRequired { get; set; }

    public const int MinimumKeyLength = 32;

    /// <summary>The key Embedded mode uses when none is configured (its suppressions live in memory only).</summary>
    public const string EmbeddedDevelopmentKey = "embedded-development-suppression-key-not-secret";
}

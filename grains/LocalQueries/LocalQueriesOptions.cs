namespace Juicebox.Grains.LocalQueries;

/// <summary>How profile grains keep the <c>profiles</c> table in step; bound from the <c>LocalQueries</c> section.</summary>
public sealed class LocalQueriesOptions
{
    public const string SectionName = "LocalQueries";

    /// <summary>
    /// While a profile grain's copy in the table is behind its stored state (a write to the table
    /// failed), how often the grain tries again while it stays active.
    /// </summary>
    public TimeSpan IndexRetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}

namespace Juicebox.Grains.Diagnostics;

/// <summary>
/// The <c>/_diagnostics</c> endpoints a benchmark reads (<c>Diagnostics__Enabled=true</c>). Off by
/// default: one of them forces a full garbage collection, which no caller of a production host should
/// be able to do.
/// </summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Diagnostics";

    public bool Enabled { get; set; }
}

namespace Juicebox.ClientApi.Hosting;

/// <summary>Whether client-api joins the cluster as a silo instead of calling it as a client; bound from the <c>Hosting</c> section.</summary>
public sealed class CoHostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>
    /// With <c>ConnectionStrings:Postgres</c>: run a silo of that cluster in this process and serve the
    /// API from it (Orleans' co-hosted front end), instead of calling the silos through a gateway
    /// (<c>Hosting__CoHostSilo</c>). The process then needs every silo setting.
    /// </summary>
    public bool CoHostSilo { get; set; }
}

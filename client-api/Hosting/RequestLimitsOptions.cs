namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// What one request may cost client-api: its size, its headers, its duration, and how many event
/// streams one client holds open; section <c>RequestLimits</c>. Every refusal is a problem document.
/// The app checks the header and URL limits itself (so that the refusal is a problem document);
/// Kestrel is set to twice those as a backstop and refuses beyond it on its own, without a body.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>The largest body of any route not named below, in bytes (<c>RequestLimits__MaxBodyBytes</c>).</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>The largest body of <c>POST /api/v1/search</c>, in bytes (<c>RequestLimits__MaxSearchBodyBytes</c>).</summary>
    public long MaxSearchBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest body of <c>POST /api/v1/enrichments</c>, in bytes (<c>RequestLimits__MaxJobBodyBytes</c>):
    /// 50,000 ids of the longest allowed length (128 characters) take about 6.6 MB.
    /// </summary>
    public long MaxJobBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most bytes of request headers, names and values together (<c>RequestLimits__MaxHeaderBytes</c>); 431 beyond.</summary>
    public int MaxHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>The longest path and query string, in characters (<c>RequestLimits__MaxUrlLength</c>); 414 beyond.</summary>
    public int MaxUrlLength { get; set; } = 4 * 1024;

    /// <summary>
    /// The longest a request other than an event stream may take, body included
    /// (<c>RequestLimits__RequestTimeout</c>): 408 while the body was still arriving, 503 after.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client may take to send its request headers before Kestrel closes the connection (<c>RequestLimits__HeadersTimeout</c>).</summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The slowest a body may arrive, in bytes a second, after the grace period (<c>RequestLimits__MinBodyBytesPerSecond</c>); 408 below.</summary>
    public double MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may arrive slower than <see cref="MinBodyBytesPerSecond"/>, more than a second (<c>RequestLimits__MinBodyRateGracePeriod</c>).</summary>
    public TimeSpan MinBodyRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many server-sent-event streams one client (API key) may hold open on one client-api (<c>RequestLimits__MaxEventStreamsPerClient</c>); 429 beyond.</summary>
    public int MaxEventStreamsPerClient { get; set; } = 8;
}

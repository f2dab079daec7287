using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Kestrel's limits from <see cref="RequestLimitsOptions"/>: the slow-client timeouts as given, and
/// header, URL and body sizes as backstops above the limits the app enforces with problem documents.
/// </summary>
internal sealed class RequestLimitsKestrelSetup(IOptions<RequestLimitsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    // Room for the method, " HTTP/1.1" and an absolute-form target's scheme and host on the request line.
    private const int RequestLineOverhead = 512;

    public void Configure(KestrelServerOptions kestrel)
    {
        var limits = options.Value;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * limits.MaxHeaderBytes;
        kestrel.Limits.MaxRequestLineSize = 2 * limits.MaxUrlLength + RequestLineOverhead;
        kestrel.Limits.MaxRequestBodySize = RequestBodyLimits.Largest(limits);
        kestrel.Limits.RequestHeadersTimeout = limits.HeadersTimeout;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, limits.MinBodyRateGracePeriod);
    }
}

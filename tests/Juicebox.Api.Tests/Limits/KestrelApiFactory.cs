using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests.Limits;

/// <summary>
/// client-api in Embedded mode on a real Kestrel (loopback, a free port) with small request limits,
/// for the limits only a real server enforces: header sizes, slow clients, timeouts.
/// </summary>
public sealed class KestrelApiFactory : EmbeddedApiFactory
{
    public const int MaxBodyBytes = 1024;
    public const int MaxSearchBodyBytes = 4096;
    public const int MaxHeaderBytes = 2048;
    public const int MaxUrlLength = 512;
    public const int MaxEventStreamsPerClient = 2;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(2);

    public KestrelApiFactory()
    {
        WithSetting("RequestLimits:MaxBodyBytes", MaxBodyBytes.ToString(CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:MaxSearchBodyBytes", MaxSearchBodyBytes.ToString(CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:MaxHeaderBytes", MaxHeaderBytes.ToString(CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:MaxUrlLength", MaxUrlLength.ToString(CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:MaxEventStreamsPerClient", MaxEventStreamsPerClient.ToString(CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:RequestTimeout", RequestTimeout.ToString("c", CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:HeadersTimeout", HeadersTimeout.ToString("c", CultureInfo.InvariantCulture));
        WithSetting("RequestLimits:MinBodyBytesPerSecond", "100");
        WithSetting("RequestLimits:MinBodyRateGracePeriod", "00:00:02");
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The server's loopback address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client that talks HTTP to the real server.</summary>
    public HttpClient CreateHttpClient(string? key = ApiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A raw TCP connection to the server, for requests no HTTP client would send.</summary>
    public async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port, cancellationToken);
        return tcp;
    }
}

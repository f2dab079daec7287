using System.Net.Sockets;

namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>A loopback address nothing listens on, for connection-refused failures.</summary>
public static class FreePort
{
    public static Uri ClosedBaseAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/");
    }
}

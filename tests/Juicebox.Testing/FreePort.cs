using System.Net;
using System.Net.Sockets;

namespace Juicebox.Testing;

/// <summary>Finds loopback TCP ports that nothing is listening on.</summary>
public static class FreePort
{
    /// <summary>
    /// Returns a loopback TCP port that was free a moment ago. Another process can still take it
    /// before the caller binds it, so callers that start servers should retry on "address in use".
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Juicebox.Testing;

/// <summary>Finds loopback TCP ports that nothing is listening on.</summary>
public static class FreePort
{
    // Below Linux's default ephemeral range (32768-60999), from which the OS also picks the local port of every
    // outgoing connection: a port handed out from that range can be taken by any client socket of the test run
    // (a database connection, an HTTP client) before the server it was meant for binds it.
    private const int LowestPort = 10_000;
    private const int DefaultEphemeralStart = 32_768;
    private const int Attempts = 100;

    private static readonly int _ephemeralStart = ReadEphemeralStart();

    /// <summary>
    /// Returns a loopback TCP port that was free a moment ago, outside the range the OS gives outgoing
    /// connections when it can. Another process can still take it before the caller binds it, so callers
    /// that start servers should retry on "address in use".
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Attempts && _ephemeralStart > LowestPort; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, _ephemeralStart);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return range.Length > 0 && int.TryParse(range[0], out var start) ? start : DefaultEphemeralStart;
        }
        catch (IOException)
        {
            return DefaultEphemeralStart;
        }
        catch (UnauthorizedAccessException)
        {
            return DefaultEphemeralStart;
        }
    }
}

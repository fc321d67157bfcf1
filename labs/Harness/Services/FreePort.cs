using System.Net;
using System.Net.Sockets;

namespace StatelessMind.Harness.Services;

/// <summary>Asks the kernel for a free loopback TCP port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

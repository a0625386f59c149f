using System.Net;
using System.Net.Sockets;

namespace Inventory.Postgres.Embedded;

/// <summary>
/// A loopback port nobody listens on right now, picked by the operating system: for the embedded PostgreSQL, a
/// single node's silo, and the test and benchmark processes. Another process may take it before it is bound.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

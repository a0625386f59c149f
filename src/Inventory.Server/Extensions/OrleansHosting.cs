using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Inventory.Server.Extensions;

/// <summary>
/// The Orleans silo co-hosted in the web app: grains run in this process and the HTTP front calls them without a
/// network hop. Settings live in the "Orleans" configuration section (README, "Orleans settings").
/// </summary>
public static class OrleansHosting
{
    public const string Section = "Orleans";

    /// <summary>Calls queued or running on one activation beyond which a call is refused at once (503 OVERLOADED).</summary>
    public const int DefaultMaxEnqueuedRequests = 20_000;

    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>"Orleans:Dashboard:Enabled" (default true): the Orleans Dashboard under /orleans-dashboard, admin role only.</summary>
    public const string DashboardEnabledKey = Section + ":Dashboard:Enabled";

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        // One node: development clustering with this silo as its own primary. The silo port only has to be free when
        // nobody joins, so it is picked by the system unless Orleans:SiloPort names one. No gateway: clients are
        // the HTTP front in this process.
        var siloPort = section.GetValue<int?>("SiloPort") ?? FreeLoopbackPort();
        silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0);
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = DefaultResponseTimeout;
            o.MaxEnqueuedRequestsHardLimit = DefaultMaxEnqueuedRequests;
            section.GetSection("Messaging").Bind(o);
        });
        silo.Configure<GrainCollectionOptions>(section.GetSection("Collection"));
        // Its grain call profiler only records while someone has the dashboard open.
        if (configuration.GetValue(DashboardEnabledKey, true))
            silo.AddDashboard(o => section.GetSection("Dashboard").Bind(o));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

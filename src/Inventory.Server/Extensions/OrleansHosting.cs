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

    /// <summary>"Orleans:Dashboard:Enabled": the Orleans Dashboard under /orleans-dashboard, admin role only.</summary>
    public const string DashboardEnabledKey = Section + ":Dashboard:Enabled";

    /// <summary>
    /// Off unless <see cref="DashboardEnabledKey"/> is true: its once-a-second metric collection and its grain call
    /// filter cost about a fifth of the cheapest endpoint's throughput (GET of a position at 64 clients: 14,300-14,700
    /// requests/s without it, 11,600-12,000 with it, on 2 cores), so an operator turns it on while looking.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue(DashboardEnabledKey, false);

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
        if (DashboardEnabled(configuration))
            silo.AddDashboard(o => section.GetSection("Dashboard").Bind(o));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

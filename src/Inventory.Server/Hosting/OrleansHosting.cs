using System.Net;
using System.Net.Sockets;
using Inventory.Postgres.Embedded;
using Inventory.Server.Infrastructure.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Inventory.Server.Hosting;

/// <summary>
/// The Orleans silo co-hosted in the web app: grains run in this process and the HTTP front calls them without a
/// network hop. Settings live in the "Orleans" configuration section (docs/api.md, "Settings"; docs/orleans.md).
/// </summary>
public static class OrleansHosting
{
    public const string Section = "Orleans";

    /// <summary>Calls queued or running on one activation beyond which a call is refused at once (503 OVERLOADED).</summary>
    public const int DefaultMaxEnqueuedRequests = 20_000;

    /// <summary>The silo-to-silo port of a node in a cluster when Orleans:Endpoints:SiloPort does not name one (Orleans' usual).</summary>
    public const int DefaultClusterSiloPort = 11111;

    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>"Orleans:Dashboard:Enabled": the Orleans Dashboard under /orleans-dashboard, admin role only.</summary>
    public const string DashboardEnabledKey = Section + ":Dashboard:Enabled";

    /// <summary>
    /// Off unless <see cref="DashboardEnabledKey"/> is true: its once-a-second metric collection and its grain call
    /// filter cost about a fifth of the cheapest endpoint's throughput (GET of a position at 64 clients: 14,300-14,700
    /// requests/s without it, 11,600-12,000 with it, on 2 cores), so an operator turns it on while looking.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue(DashboardEnabledKey, false);

    /// <summary>
    /// "Orleans:Clustering:ProviderType", Orleans' own key: absent for one node, <c>AdoNet</c> for a node of a cluster
    /// whose membership lives in the service's PostgreSQL.
    /// </summary>
    public const string ClusteringProviderKey = Section + ":Clustering:ProviderType";

    /// <summary>Whether this node is one of a cluster (Orleans:Clustering:ProviderType is set) rather than the whole of it.</summary>
    public static bool IsCluster(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[ClusteringProviderKey]);

    /// <summary>
    /// Orleans reads the "Orleans" section itself (ClusterId, ServiceId, Endpoints, Messaging, and Clustering with its
    /// ProviderType), so the keys are Orleans' own. With <c>AdoNet</c> this makes the service's own database (the
    /// embedded one included) the membership store unless Orleans:Clustering:ConnectionString names another.
    /// </summary>
    public static void UseServiceDatabaseForClustering(IConfigurationManager configuration, string connectionString)
    {
        var clustering = configuration.GetSection(Section + ":Clustering");
        if (clustering["ProviderType"] is not { Length: > 0 } provider)
            return;
        if (!string.Equals(provider, "AdoNet", StringComparison.Ordinal))
            throw new InvalidOperationException($"{ClusteringProviderKey} must be absent (one node) or AdoNet (a cluster on the service's PostgreSQL).");
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(clustering["Invariant"])) defaults[Section + ":Clustering:Invariant"] = "Npgsql";
        if (string.IsNullOrEmpty(clustering["ConnectionString"])) defaults[Section + ":Clustering:ConnectionString"] = connectionString;
        configuration.AddInMemoryCollection(defaults);
    }

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var endpoints = section.GetSection("Endpoints");
        if (!IsCluster(configuration))
        {
            // One node: development clustering with this silo as its own primary. The silo port only has to be free
            // when nobody joins, so it is picked by the system unless Orleans:Endpoints:SiloPort names one. No gateway:
            // clients are the HTTP front in this process.
            silo.UseLocalhostClustering(siloPort: endpoints.GetValue<int?>("SiloPort") ?? FreePort.Next(), gatewayPort: 0);
        }
        else
        {
            // A node of a cluster (Orleans registers the AdoNet provider from the Clustering section itself). Defaults
            // for a node on loopback: Orleans' silo port, no gateway (the HTTP front is in this process).
            var listenOnAny = endpoints.GetValue("ListenOnAnyHostAddress", false);
            silo.ConfigureEndpoints(AdvertisedAddress(endpoints["AdvertisedIPAddress"], listenOnAny),
                endpoints.GetValue("SiloPort", DefaultClusterSiloPort), endpoints.GetValue("GatewayPort", 0), listenOnAny);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // A node is probed every ProbeTimeout; after NumMissedProbesLimit missed probes its prober suspects it,
                // and NumVotesForDeathDeclaration suspicions (fewer when fewer nodes are left) declare it dead.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
                section.GetSection("Membership").Bind(o);
            });
        }
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = DefaultResponseTimeout;
            o.MaxEnqueuedRequestsHardLimit = DefaultMaxEnqueuedRequests;
            section.GetSection("Messaging").Bind(o);
        });
        silo.Configure<GrainCollectionOptions>(section.GetSection("Collection"));
        // Grain calls as spans of the request's trace, only when traces are exported (the filters cost every call).
        if (Telemetry.OtlpEnabled(configuration))
            silo.AddActivityPropagation();
        // Its grain call profiler only records while someone has the dashboard open.
        if (DashboardEnabled(configuration))
            silo.AddDashboard(o => section.GetSection("Dashboard").Bind(o));
    }

    /// <summary>
    /// The address other nodes reach this one at: the configured one; else, when the node listens on every address
    /// (several machines, containers), this host's first IPv4 address that is not loopback; else loopback.
    /// </summary>
    private static IPAddress AdvertisedAddress(string? configured, bool listenOnAnyHostAddress)
    {
        if (!string.IsNullOrEmpty(configured))
            return IPAddress.Parse(configured);
        if (!listenOnAnyHostAddress)
            return IPAddress.Loopback;
        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("No IPv4 address of this host to advertise to the other nodes: set Orleans:Endpoints:AdvertisedIPAddress.");
    }
}

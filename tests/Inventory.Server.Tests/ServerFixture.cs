using System.Diagnostics;
using Inventory.Postgres.Embedded;
using Inventory.Server.Hosting;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>
/// One temporary embedded PostgreSQL server and one running Inventory server for the test collection. Test classes
/// keep to their own SKUs and warehouses, so they share the server without seeing each other's stock.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private EmbeddedPostgres? _postgres;
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public EmbeddedPostgres Postgres => _postgres ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString { get; private set; } = "";

    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        _postgres = await EmbeddedPostgres.StartTemporaryAsync();
        ConnectionString = await _postgres.EnsureDatabaseAsync("server_tests");
        // The Orleans Dashboard is off by default; on here so its access rules are tested (OrleansDashboardTests).
        _server = await TestServer.StartAsync(ConnectionString, new Dictionary<string, string?>
        {
            [OrleansHosting.DashboardEnabledKey] = "true",
            // A duplicate's wait for the first request is logged at Debug (IdempotencyTests waits for it).
            ["Logging:LogLevel:Inventory.Server.Infrastructure.Idempotency"] = "Debug",
        });
        StartupTime = stopwatch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

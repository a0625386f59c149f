using System.Security.Cryptography;
using Inventory.Postgres.Embedded;
using Inventory.Server.Hosting;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>
/// A running Inventory server of its own for one test class (<c>IClassFixture&lt;ServerFixture&gt;</c>), on a fresh
/// database of the collection's PostgreSQL server: no class sees another's stock, events or alerts.
/// </summary>
public sealed class ServerFixture(PostgresFixture postgres) : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The PostgreSQL server the class's database is on (other databases may be made there).</summary>
    public EmbeddedPostgres Postgres => postgres.Server;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await postgres.Server.EnsureDatabaseAsync("server_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        // The Orleans Dashboard is off by default; on here so its access rules are tested (OrleansDashboardTests).
        _server = await TestServer.StartAsync(ConnectionString, new Dictionary<string, string?>
        {
            [OrleansHosting.DashboardEnabledKey] = "true",
            // A duplicate's wait for the first request is logged at Debug (IdempotencyTests waits for it).
            ["Logging:LogLevel:Inventory.Server.Infrastructure.Idempotency"] = "Debug",
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// The server tests' collection: one temporary PostgreSQL server (<see cref="PostgresFixture"/>), test classes run one
/// after another (several run child server processes, and machine load must not starve their timeouts).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "server";
}

using System.Diagnostics;
using System.Security.Cryptography;
using Inventory.Postgres.Embedded;
using Inventory.Storage.Postgres;
using Xunit;

namespace Inventory.TestSupport;

/// <summary>
/// One temporary embedded PostgreSQL server for a test collection (about a second to start); each test or test class
/// asks for its own fresh database, so they stay independent and can run in any order.
/// </summary>
/// <remarks>
/// Use it with a collection defined in the test assembly (<c>ICollectionFixture&lt;PostgresFixture&gt;</c>, as xUnit wants
/// collection definitions there) and a constructor parameter of this type.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    private EmbeddedPostgres? server;

    public EmbeddedPostgres Server => server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>How long the temporary server took to start (initdb included).</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        server = await EmbeddedPostgres.StartTemporaryAsync();
        StartupTime = stopwatch.Elapsed;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync() =>
        Server.EnsureDatabaseAsync("test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    /// <summary>Creates a database with a unique name, applies every migration and returns its connection string.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(connectionString);
        return connectionString;
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

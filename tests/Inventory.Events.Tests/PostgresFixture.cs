using System.Security.Cryptography;
using Inventory.Storage.Postgres;

namespace Inventory.Events.Tests;

/// <summary>
/// One temporary embedded PostgreSQL server for the test assembly (copied from the storage tests' fixture); each
/// test asks for its own fresh, migrated database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private EmbeddedPostgres? server;

    public EmbeddedPostgres Server => server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => server = await EmbeddedPostgres.StartTemporaryAsync();

    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await Server.EnsureDatabaseAsync("events_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        await MigrationRunner.ApplyAsync(connectionString);
        return connectionString;
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
    }
}

/// <summary>Test classes in this collection share one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

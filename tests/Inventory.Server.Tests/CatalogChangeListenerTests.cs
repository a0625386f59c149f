using Inventory.Queries;
using Inventory.Server.Application.Catalog;
using Inventory.Storage.Postgres.Catalog;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Inventory.Server.Tests;

/// <summary>
/// The catalog change listener a cluster node runs, beside the shared (single-node) server: it hears the changes made
/// through the server, and when its LISTEN connection is killed it reconnects and reloads what it missed.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CatalogChangeListenerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task After_its_connection_is_killed_the_listener_reconnects_and_reloads_what_it_missed()
    {
        var services = Server.Services;
        var repository = services.GetRequiredService<CatalogRepository>();
        var catalog = new InventoryCatalog(repository, services.GetRequiredService<StockQueries>(), services.GetRequiredService<IGrainFactory>(),
            NullLogger<InventoryCatalog>.Instance);
        using var listener = new CatalogChangeListener(repository, catalog, NullLogger<CatalogChangeListener>.Instance);
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var first = 0;
            await Eventually.TrueAsync(async () => (first = await ListeningBackendAsync(database)) != 0, "the listener listens");

            await Setup.Product(Server, "CL-HEARD");
            await Eventually.TrueAsync(() => catalog.FindProduct("CL-HEARD") is not null, "a change made through the server is heard");

            // A change nobody announces: only a reload after the reconnect can bring it.
            await using (var silent = database.CreateCommand("""
                INSERT INTO products (sku, name, type, base_unit, costing_method, lead_time_days, data)
                SELECT 'CL-MISSED', name, type, base_unit, costing_method, lead_time_days, data FROM products WHERE sku = 'CL-HEARD'
                """))
                await silent.ExecuteNonQueryAsync();
            await using (var kill = database.CreateCommand($"SELECT pg_terminate_backend({first})"))
                Assert.True((bool)(await kill.ExecuteScalarAsync())!);

            await Eventually.TrueAsync(async () => await ListeningBackendAsync(database) is var now && now != 0 && now != first,
                "the listener listens again on a new connection");
            await Eventually.TrueAsync(() => catalog.FindProduct("CL-MISSED") is not null, "the catalog is reloaded after the reconnect");

            await Setup.Product(Server, "CL-AFTER");
            await Eventually.TrueAsync(() => catalog.FindProduct("CL-AFTER") is not null, "changes are heard again");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The backend id of the connection listening for catalog changes, 0 when none is.</summary>
    private static async Task<int> ListeningBackendAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            $"SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN {CatalogRepository.ChangesChannel}' AND state = 'idle' LIMIT 1");
        return await command.ExecuteScalarAsync() is int pid ? pid : 0;
    }
}

using Inventory.Admin.Cli;
using Inventory.Postgres.Embedded;

namespace Inventory.Admin.Tests;

/// <summary>
/// One temporary PostgreSQL server for the collection and one live Inventory server on it. Tests keep to their own
/// warehouses and SKUs. <see cref="Cli"/> runs the CLI against the live server, minting tokens from its data directory.
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    private EmbeddedPostgres? _postgres;
    private LiveServer? _server;

    public EmbeddedPostgres Postgres => _postgres!;

    public LiveServer Server => _server!;

    public string ConnectionString { get; private set; } = "";

    public Cli Cli => new(new Dictionary<string, string?>
    {
        [GlobalOptions.ServerVariable] = Server.Address.ToString(),
        [GlobalOptions.DataDirectoryVariable] = Server.DataDirectory,
    });

    public async Task InitializeAsync()
    {
        _postgres = await EmbeddedPostgres.StartTemporaryAsync();
        ConnectionString = await _postgres.EnsureDatabaseAsync("admin_tests");
        _server = await LiveServer.StartAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}

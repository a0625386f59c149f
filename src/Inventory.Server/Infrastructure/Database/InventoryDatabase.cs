using Inventory.Postgres.Embedded;
using Inventory.Storage.Postgres;

namespace Inventory.Server.Infrastructure.Database;

/// <summary>
/// Where the data lives: the server named by <c>ConnectionStrings:Inventory</c>, or — when that is empty — a private
/// PostgreSQL started from the installed binaries with its cluster under <c>&lt;data dir&gt;/pg</c>.
/// Started before the host is built because the stores need the connection string; stopped last on shutdown.
/// </summary>
public sealed class InventoryDatabase : IAsyncDisposable
{
    public const string ConnectionStringName = "Inventory";

    /// <summary>"Inventory:EmbeddedPostgresPort": the embedded server's loopback port (default 0: a free one at every start).</summary>
    public const string EmbeddedPortKey = "Inventory:EmbeddedPostgresPort";

    private InventoryDatabase(string connectionString, EmbeddedPostgres? embedded)
    {
        ConnectionString = connectionString;
        Embedded = embedded;
    }

    public string ConnectionString { get; }

    /// <summary>The private server, or null when an external server is used.</summary>
    public EmbeddedPostgres? Embedded { get; }

    public static async Task<InventoryDatabase> StartAsync(IConfiguration configuration, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
            return new InventoryDatabase(configured, null);

        var dataDirectory = DataDirectory.Resolve(configuration);
        DataDirectory.Ensure(dataDirectory);
        var embedded = new EmbeddedPostgres(
            new EmbeddedPostgresOptions
            {
                DataDirectory = Path.Combine(dataDirectory, "pg"),
                // A fixed port lets other nodes of a development cluster use this node's database.
                Port = configuration.GetValue(EmbeddedPortKey, 0),
            },
            loggerFactory?.CreateLogger<EmbeddedPostgres>());
        try
        {
            await embedded.StartAsync(cancellationToken);
        }
        catch
        {
            await embedded.DisposeAsync();
            throw;
        }

        return new InventoryDatabase(embedded.ConnectionString, embedded);
    }

    public async Task MigrateAsync(ILogger logger, CancellationToken cancellationToken = default) =>
        await MigrationRunner.ApplyAsync(ConnectionString, logger, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null)
            await Embedded.DisposeAsync();
    }
}

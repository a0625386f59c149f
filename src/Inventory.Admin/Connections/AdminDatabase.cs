using Inventory.Grains.Storage;
using Inventory.Postgres.Embedded;
using Inventory.Queries.Admin;
using Inventory.Storage.Postgres.Grains;
using Npgsql;

namespace Inventory.Admin.Connections;

/// <summary>
/// The service's PostgreSQL, reached directly: the server named by --connection / INVENTORY_CONNECTION, or the embedded
/// server under &lt;data dir&gt;/pg. An embedded server already running (the service's, or one it left behind) is used as it
/// is and left running; one this CLI had to start is stopped again when the command ends.
/// </summary>
public sealed class AdminDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _started;

    private AdminDatabase(string connectionString, string description, EmbeddedPostgres? started)
    {
        ConnectionString = connectionString;
        Description = description;
        _started = started;
        DataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        PositionStore = new PostgresStockPositionStore(DataSource);
        ReservationStore = new PostgresReservationStore(DataSource);
        Queries = new AdminQueries(DataSource, PositionStore);
    }

    public string ConnectionString { get; }

    /// <summary>Where the data is, for messages (no password).</summary>
    public string Description { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The server's own store of positions (ledger and snapshots), used the same way.</summary>
    public IStockPositionStore PositionStore { get; }

    /// <summary>The server's reservation records, read the same way.</summary>
    public PostgresReservationStore ReservationStore { get; }

    public AdminQueries Queries { get; }

    public static async Task<AdminDatabase> OpenAsync(string? connectionString, string? dataDirectory, CancellationToken cancellationToken)
    {
        AdminDatabase database;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            NpgsqlConnectionStringBuilder parsed;
            try
            {
                parsed = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new AdminException(ExitCodes.Usage, $"The connection string is not valid: {e.Message}",
                    "Use the Npgsql form: Host=localhost;Port=5432;Database=inventory;Username=inventory;Password=...");
            }
            database = new AdminDatabase(connectionString, $"{parsed.Host}:{parsed.Port}/{parsed.Database}", null);
        }
        else if (dataDirectory is not null)
        {
            database = await OpenEmbeddedAsync(dataDirectory, cancellationToken);
        }
        else
        {
            throw new AdminException(ExitCodes.DatabaseUnreachable, "No database to work on directly.",
                "Give the service's PostgreSQL with --connection \"Host=...;Database=inventory;Username=...;Password=...\" (or INVENTORY_CONNECTION), " +
                "or the server's data directory with --data-dir (its embedded database is under <data dir>/pg).");
        }

        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            await database.DisposeAsync();
            throw new AdminException(ExitCodes.DatabaseUnreachable, $"PostgreSQL at {database.Description} is unreachable ({e.Message}).",
                "Check the connection string (--connection / INVENTORY_CONNECTION) and that the database server runs.");
        }
        return database;
    }

    private static async Task<AdminDatabase> OpenEmbeddedAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var cluster = Path.Combine(dataDirectory, "pg");
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            throw new AdminException(ExitCodes.DatabaseUnreachable, $"There is no embedded PostgreSQL under {cluster}.",
                "--data-dir must be the server's data directory (Inventory:DataDirectory, default ./data next to where the server runs); " +
                "a server configured with ConnectionStrings:Inventory needs --connection instead.");
        }
        var embedded = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = cluster });
        try
        {
            await embedded.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is EmbeddedPostgresException or NpgsqlException or InvalidOperationException or IOException)
        {
            await embedded.DisposeAsync();
            throw new AdminException(ExitCodes.DatabaseUnreachable, $"The embedded PostgreSQL under {cluster} could not be started: {e.Message}",
                "Is the postgresql package installed, and is this the user that runs the server?");
        }
        // One that was already running belongs to the service (or will be adopted by it): leave it running.
        var owned = embedded.AdoptedRunningServer ? null : embedded;
        return new AdminDatabase(embedded.ConnectionString, $"embedded PostgreSQL {cluster} (port {embedded.Port})", owned);
    }

    public async ValueTask DisposeAsync()
    {
        await ReservationStore.DisposeAsync();
        await DataSource.DisposeAsync();
        if (_started is not null)
            await _started.DisposeAsync();
    }
}

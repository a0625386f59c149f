namespace Inventory.Postgres.Embedded;

/// <summary>
/// Settings of the private PostgreSQL server the service starts when no connection string is configured.
/// </summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>Default data directory, relative to the current directory (the service's content root).</summary>
    public const string DefaultDataDirectory = "data/pg";

    public const string DefaultDatabase = "inventory";
    public const string DefaultSharedBuffers = "128MB";
    public const int DefaultMaxConnections = 200;
    public const int DefaultMaxPoolSize = 100;

    /// <summary>The system user that runs the server when the service runs as root (PostgreSQL refuses root).</summary>
    public const string DefaultServerUser = "postgres";

    /// <summary>
    /// The cluster's data directory; created and initialized (initdb) on first start. Relative paths are
    /// resolved against the current directory. Default: <see cref="DefaultDataDirectory"/>.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// Directory of the server's unix socket. Default (null): a sibling of the data directory named
    /// <c>&lt;data dir&gt;.sock</c>, or <c>/tmp/invpg-&lt;hash&gt;</c> when that path would be too long for a socket.
    /// </summary>
    public string? SocketDirectory { get; set; }

    /// <summary>Loopback TCP port to listen on. Default 0: a free port, chosen anew at every start.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Directory holding initdb, pg_ctl and postgres. Default (null): found on PATH, else under
    /// /usr/lib/postgresql/&lt;highest version&gt;/bin (where Debian's package puts them).
    /// </summary>
    public string? BinDirectory { get; set; }

    /// <summary>Database created on start when missing; the one <see cref="EmbeddedPostgres.ConnectionString"/> names.</summary>
    public string Database { get; set; } = DefaultDatabase;

    public string SharedBuffers { get; set; } = DefaultSharedBuffers;

    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>Maximum Pool Size of the Npgsql connection strings handed out.</summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    /// <summary>User that runs initdb, pg_ctl and postgres when this process runs as root.</summary>
    public string ServerUser { get; set; } = DefaultServerUser;

    /// <summary>How long initdb, a server start or a stop may take.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra server settings (postgresql.conf names and values), applied after the defaults. fsync and
    /// synchronous_commit are always on: acknowledged writes must survive a crash.
    /// </summary>
    public IDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

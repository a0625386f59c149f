using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Inventory.Postgres.Embedded;

/// <summary>
/// A private PostgreSQL server run from the installed server binaries (initdb, pg_ctl), listening on a free
/// loopback port. The default store when no connection string is configured, and the test database.
/// </summary>
/// <remarks>
/// A server whose owner was killed (SIGKILL) keeps running: the postmaster runs in its own session. The
/// next <see cref="StartAsync"/> on the same data directory adopts it (port from postmaster.pid) instead of
/// stopping it, because everything it acknowledged is already durable and a restart would only cost time.
/// The adopter owns it from then on and stops it on <see cref="StopAsync"/>.
/// </remarks>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    public const string SuperUser = "postgres";

    private const string SettingsFileName = "embedded.conf";
    private const string LogFileName = "postmaster.log";
    private const long MaxLogBytes = 10 * 1024 * 1024;
    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan UnreadablePidFileGrace = TimeSpan.FromSeconds(2);

    // Longest socket file name PostgreSQL creates in the socket directory; sun_path holds 107 bytes.
    private const string LongestSocketName = "/.s.PGSQL.65535";
    private const int MaxSocketPath = 100;

    private const string UnsupportedPlatformMessage = "The embedded PostgreSQL server runs on Linux and other Unix systems only.";

    private readonly EmbeddedPostgresOptions options;
    private readonly ILogger logger;
    private readonly string? temporaryRoot;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> handedOut = new(StringComparer.Ordinal);
    private ServerAccount? account;
    private PostgresBinaries? binaries;
    private string? connectionString;
    private bool running;
    private bool disposed;

    public EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger<EmbeddedPostgres>? logger = null)
        : this(options, logger, temporaryRoot: null)
    {
    }

    private EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger? logger, string? temporaryRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Database);
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
        this.temporaryRoot = temporaryRoot;
        DataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        SocketDirectory = options.SocketDirectory is { Length: > 0 } socket
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(socket))
            : DefaultSocketDirectory(DataDirectory);
        if (SocketDirectory.Length + LongestSocketName.Length >= MaxSocketPath)
        {
            throw new ArgumentException(
                $"SocketDirectory '{SocketDirectory}' is too long for a unix socket path (keep it under {MaxSocketPath - LongestSocketName.Length} characters).",
                nameof(options));
        }
    }

    /// <summary>Absolute path of the cluster's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Absolute path of the directory holding the server's unix socket.</summary>
    public string SocketDirectory { get; }

    /// <summary>Loopback TCP port the server listens on; 0 until started.</summary>
    public int Port { get; private set; }

    /// <summary>True when start found this data directory's server still running and took it over.</summary>
    public bool AdoptedRunningServer { get; private set; }

    /// <summary>Npgsql connection string of <see cref="EmbeddedPostgresOptions.Database"/>.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The embedded PostgreSQL server is not started.");

    /// <summary>
    /// Initializes the data directory if needed, starts the server (or adopts the one already running on
    /// this data directory) and creates the database if missing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(UnsupportedPlatformMessage);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (running)
            {
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            binaries = PostgresBinaries.Locate(options.BinDirectory, DataDirectory);
            account = await ServerAccount.ForCurrentProcessAsync(options.ServerUser, CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (account.UserName is not null)
            {
                logger.RunningAsServerUser(account.UserName);
            }

            await PrepareSocketDirectoryAsync(cancellationToken).ConfigureAwait(false);
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                await InitializeDataDirectoryAsync(cancellationToken).ConfigureAwait(false);
            }

            await StartOrAdoptAsync(cancellationToken).ConfigureAwait(false);
            running = true;
            connectionString = await EnsureDatabaseCoreAsync(options.Database, cancellationToken).ConfigureAwait(false);
            var processId = PostmasterPidFile.TryRead(DataDirectory)?.ProcessId ?? 0;
            logger.Started(DataDirectory, Port, processId, stopwatch.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates <paramref name="database"/> if missing and returns its connection string.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (!running)
        {
            throw new InvalidOperationException("The embedded PostgreSQL server is not started.");
        }

        return await EnsureDatabaseCoreAsync(database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server (pg_ctl stop -m fast: open transactions roll back, committed ones are durable).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!running || account is null || binaries is null)
            {
                return;
            }

            ClearPools();
            if (await IsServerRunningAsync(cancellationToken).ConfigureAwait(false))
            {
                var stop = await account.RunAsync(
                    binaries.PgCtl,
                    ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", TimeoutSeconds],
                    cancellationToken).ConfigureAwait(false);
                if (!stop.Succeeded && await IsServerRunningAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new EmbeddedPostgresException($"Could not stop PostgreSQL on '{DataDirectory}'. {stop.Describe()}");
                }
            }

            running = false;
            connectionString = null;
            Port = 0;
            logger.Stopped(DataDirectory);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            disposed = true;
            if (temporaryRoot is not null)
            {
                try
                {
                    Directory.Delete(temporaryRoot, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.CouldNotDeleteTemporaryDirectory(e, temporaryRoot);
                }
            }
        }
    }

    private TimeSpan CommandTimeout => options.StartTimeout + TimeSpan.FromSeconds(15);

    private string TimeoutSeconds => ((int)Math.Ceiling(options.StartTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private string LogPath => Path.Combine(DataDirectory, LogFileName);

    private static string DefaultSocketDirectory(string dataDirectory)
    {
        var sibling = dataDirectory + ".sock";
        if (sibling.Length + LongestSocketName.Length < MaxSocketPath)
        {
            return sibling;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        return "/tmp/invpg-" + hash;
    }

    [UnsupportedOSPlatform("windows")]
    private async Task PrepareSocketDirectoryAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await account!.GiveOwnershipAsync(SocketDirectory, cancellationToken).ConfigureAwait(false);
        await account.EnsureCanEnterAsync(SocketDirectory, cancellationToken).ConfigureAwait(false);
    }

    [UnsupportedOSPlatform("windows")]
    private async Task InitializeDataDirectoryAsync(CancellationToken cancellationToken)
    {
        // initdb into a staging directory renamed into place when done, so an interrupted initdb never
        // leaves a half-made cluster behind. An existing empty directory (e.g. a mounted volume) is used as is.
        string target;
        if (Directory.Exists(DataDirectory))
        {
            if (Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            {
                throw new EmbeddedPostgresException(
                    $"'{DataDirectory}' is not empty but holds no PostgreSQL cluster (no PG_VERSION). " +
                    "Point DataDirectory at an empty or missing directory.");
            }

            target = DataDirectory;
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DataDirectory)!);
            target = DataDirectory + ".initdb";
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.CreateDirectory(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await account!.GiveOwnershipAsync(target, cancellationToken).ConfigureAwait(false);
        await account.EnsureCanEnterAsync(target, cancellationToken).ConfigureAwait(false);

        logger.InitializingDataDirectory(DataDirectory, binaries!.InitDb);
        List<string> arguments = ["-D", target, "-U", SuperUser, "-A", "trust", "--encoding=UTF8", "--no-locale"];
        if (temporaryRoot is not null)
        {
            arguments.Add("--no-sync");
        }

        var initDb = await account.RunAsync(binaries.InitDb, arguments, cancellationToken).ConfigureAwait(false);
        if (!initDb.Succeeded)
        {
            throw new EmbeddedPostgresException($"initdb failed for '{DataDirectory}'. {initDb.Describe()}");
        }

        await File.AppendAllTextAsync(
            Path.Combine(target, "postgresql.conf"),
            $"{Environment.NewLine}# Settings of the embedded server, rewritten on every start.{Environment.NewLine}include_if_exists = '{SettingsFileName}'{Environment.NewLine}",
            cancellationToken).ConfigureAwait(false);

        if (!string.Equals(target, DataDirectory, StringComparison.Ordinal))
        {
            Directory.Move(target, DataDirectory);
        }
    }

    /// <summary>Why a start attempt failed, as the server's log tells it.</summary>
    private enum StartFailure
    {
        None,
        /// <summary>Another process bound the port between our pick and the server's bind: try another port at once.</summary>
        PortTaken,
        /// <summary>After a postmaster was killed, its backends take a moment to notice and exit: wait longer each time.</summary>
        PreviousServerExiting,
        /// <summary>Anything else: retrying would not help.</summary>
        Other,
    }

    /// <summary>How one attempt ended: started on <paramref name="Port"/>, adopted a running server, or failed.</summary>
    private sealed record StartAttempt(StartFailure Failure, int Port, CommandResult? Result, string Log)
    {
        public static readonly StartAttempt Adopted = new(StartFailure.None, 0, null, "");
    }

    /// <summary>Up to <see cref="MaxStartAttempts"/> starts; only the two transient failures are retried.</summary>
    private ResiliencePipeline<StartAttempt> StartRetries() => new ResiliencePipelineBuilder<StartAttempt>()
        .AddRetry(new RetryStrategyOptions<StartAttempt>
        {
            MaxRetryAttempts = MaxStartAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Failure is StartFailure.PortTaken or StartFailure.PreviousServerExiting),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result!.Failure == StartFailure.PortTaken
                ? TimeSpan.Zero
                : TimeSpan.FromMilliseconds(500 * (args.AttemptNumber + 1))),
            OnRetry = args =>
            {
                var attempt = args.Outcome.Result!;
                if (attempt.Failure == StartFailure.PortTaken)
                    logger.PortTaken(attempt.Port, args.AttemptNumber + 1);
                else
                    logger.PreviousServerStillExiting(args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    [UnsupportedOSPlatform("windows")]
    private async Task StartOrAdoptAsync(CancellationToken cancellationToken)
    {
        RotateLog();
        var last = await StartRetries().ExecuteAsync(async token =>
        {
            // Checked on every attempt: another process may have started this data directory meanwhile.
            if (await TryAdoptRunningServerAsync(token).ConfigureAwait(false))
                return StartAttempt.Adopted;
            var port = options.Port > 0 ? options.Port : FreePort.Next();
            await WriteSettingsAsync(port, token).ConfigureAwait(false);
            var logOffset = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
            var start = await account!.RunAsync(
                binaries!.PgCtl,
                ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", TimeoutSeconds, "-s"],
                token).ConfigureAwait(false);
            if (start.Succeeded)
                return new StartAttempt(StartFailure.None, port, start, "");
            var log = ReadLog(logOffset);
            var failure = log.Contains("could not bind", StringComparison.Ordinal)
                || log.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal) ? StartFailure.PortTaken
                : log.Contains("pre-existing shared memory block", StringComparison.Ordinal)
                || log.Contains("lock file \"postmaster.pid\" already exists", StringComparison.Ordinal) ? StartFailure.PreviousServerExiting
                : StartFailure.Other;
            return new StartAttempt(failure, port, start, log);
        }, cancellationToken).ConfigureAwait(false);

        if (ReferenceEquals(last, StartAttempt.Adopted))
            return;
        if (last.Failure != StartFailure.None)
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL failed to start on '{DataDirectory}'. {last.Result!.Describe()}{Environment.NewLine}" +
                $"Server log ({LogPath}):{Environment.NewLine}{last.Log.TrimEnd()}");
        }

        Port = last.Port;
        AdoptedRunningServer = false;
    }

    [UnsupportedOSPlatform("windows")]
    private async Task<bool> TryAdoptRunningServerAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var pidPath = Path.Combine(DataDirectory, PostmasterPidFile.FileName);
        while (true)
        {
            var pidFile = PostmasterPidFile.TryRead(DataDirectory);
            if (pidFile is null)
            {
                return false;
            }

            if (pidFile.ProcessId == 0)
            {
                // Empty or garbled: a server is writing it right now, or one crashed while writing it
                // (postgres then refuses to start until it is removed).
                if (DateTime.UtcNow - started > UnreadablePidFileGrace)
                {
                    logger.RemovingStalePidFile(pidPath, 0, DataDirectory);
                    File.Delete(pidPath);
                    return false;
                }
            }
            else if (pidFile.ProcessIsZombie)
            {
                // Dead but unreaped, so postgres takes it for a live server. Its children hold the shared
                // memory: once they are gone (they exit when the postmaster dies) the lock file is stale.
                if (!pidFile.HasLiveChildren())
                {
                    logger.RemovingStalePidFile(pidPath, pidFile.ProcessId, DataDirectory);
                    File.Delete(pidPath);
                    return false;
                }
            }
            else if (!pidFile.ProcessIsAlive)
            {
                // The lock file of a dead server: postgres itself replaces it on start.
                return false;
            }
            else if (pidFile.ProcessId > 0 && !pidFile.ProcessServes(DataDirectory))
            {
                // The pid was reused by an unrelated process (typical after a container restart).
                logger.RemovingStalePidFile(pidPath, pidFile.ProcessId, DataDirectory);
                File.Delete(pidPath);
                return false;
            }
            else if (pidFile.Status == PostmasterPidFile.Ready && pidFile.Port > 0)
            {
                var failure = await ProbeAsync(pidFile.Port, cancellationToken).ConfigureAwait(false);
                if (failure is null)
                {
                    Port = pidFile.Port;
                    AdoptedRunningServer = true;
                    logger.Adopted(DataDirectory, pidFile.ProcessId, pidFile.Port);
                    return true;
                }

                logger.RestartingUnreachable(DataDirectory, pidFile.ProcessId, pidFile.Port, failure);
                await account!.RunAsync(
                    binaries!.PgCtl,
                    ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", TimeoutSeconds],
                    cancellationToken).ConfigureAwait(false);
                return false;
            }

            // Starting, stopping, a zombie's children exiting, or the pid file being written: look again shortly.
            if (DateTime.UtcNow - started > options.StartTimeout)
            {
                throw new EmbeddedPostgresException(
                    $"The PostgreSQL server on '{DataDirectory}' (pid {pidFile.ProcessId}) stayed in state " +
                    $"'{pidFile.Status}' for {options.StartTimeout.TotalSeconds:0} s; it is neither usable nor gone.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns null when the server on <paramref name="port"/> answers and serves our data directory.</summary>
    private async Task<string?> ProbeAsync(int port, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            Pooling = false,
            Timeout = 5,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select current_setting('data_directory')", connection);
            var served = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return string.Equals(served?.TrimEnd('/'), DataDirectory, StringComparison.Ordinal)
                ? null
                : $"it serves '{served}'";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return e.Message;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private async Task<bool> IsServerRunningAsync(CancellationToken cancellationToken)
    {
        // pg_ctl status: 0 running, 3 not running, 4 no data directory.
        var status = await account!.RunAsync(binaries!.PgCtl, ["status", "-D", DataDirectory], cancellationToken).ConfigureAwait(false);
        return status.ExitCode == 0;
    }

    [UnsupportedOSPlatform("windows")]
    private async Task WriteSettingsAsync(int port, CancellationToken cancellationToken)
    {
        var settings = new StringBuilder()
            .AppendLine("# Written by Inventory's EmbeddedPostgres on every start; edits are overwritten.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = {Quote(SocketDirectory)}")
            .AppendLine(CultureInfo.InvariantCulture, $"shared_buffers = {Quote(options.SharedBuffers)}")
            .AppendLine(CultureInfo.InvariantCulture, $"max_connections = {options.MaxConnections}");
        foreach (var (name, value) in options.ServerSettings)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                throw new ArgumentException($"'{name}' is not a PostgreSQL setting name.", nameof(options));
            }

            settings.AppendLine(CultureInfo.InvariantCulture, $"{name} = {Quote(value)}");
        }

        // Last, so no extra setting can turn them off: an acknowledged write must survive a crash.
        settings.AppendLine("fsync = on").AppendLine("synchronous_commit = on").AppendLine("full_page_writes = on");

        var path = Path.Combine(DataDirectory, SettingsFileName);
        await File.WriteAllTextAsync(path, settings.ToString(), cancellationToken).ConfigureAwait(false);
        await account!.GiveOwnershipAsync(path, cancellationToken).ConfigureAwait(false);

        static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private async Task<string> EnsureDatabaseCoreAsync(string database, CancellationToken cancellationToken)
    {
        var admin = Builder("postgres");
        admin.Pooling = false;
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                try
                {
                    await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    logger.CreatedDatabase(database);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Created concurrently by someone else: fine.
                }
            }
        }

        var result = Builder(database).ConnectionString;
        handedOut.TryAdd(result, 0);
        return result;
    }

    private NpgsqlConnectionStringBuilder Builder(string database) => new()
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = options.MaxPoolSize,
        NoResetOnClose = true,
    };

    private void ClearPools()
    {
        foreach (var pooled in handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(pooled);
            NpgsqlConnection.ClearPool(connection);
        }

        handedOut.Clear();
    }

    private void RotateLog()
    {
        var log = new FileInfo(LogPath);
        if (log.Exists && log.Length > MaxLogBytes)
        {
            log.MoveTo(LogPath + ".1", overwrite: true);
        }
    }

    private string ReadLog(long offset)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length > 8000 ? text[^8000..] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the server log: {e.Message})";
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Inventory.Admin.Connections;

namespace Inventory.Admin.Cli;

/// <summary>
/// One invocation: the console, the global options resolved against the environment, and the connections it opens
/// lazily (the server over HTTP, the database directly), closed when the command ends.
/// </summary>
public sealed class Session : IAsyncDisposable
{
    private static readonly TimeSpan MintedTokenLifetime = TimeSpan.FromMinutes(10);

    private readonly string? _token;
    private readonly string? _connection;
    private ServerClient? _server;
    private AdminDatabase? _database;
    private string? _mintedToken;

    public Session(AdminConsole console, ParseResult parse)
    {
        Console = console;
        string? Get(Option<string?> option, string variable) =>
            parse.GetValue(option) is { Length: > 0 } value ? value : console.Variable(variable) is { Length: > 0 } env ? env : null;
        ServerUrl = Get(GlobalOptions.Server, GlobalOptions.ServerVariable) ?? GlobalOptions.DefaultServer;
        _token = Get(GlobalOptions.Token, GlobalOptions.TokenVariable);
        _connection = Get(GlobalOptions.Connection, GlobalOptions.ConnectionVariable);
        DataDirectory = Get(GlobalOptions.DataDirectory, GlobalOptions.DataDirectoryVariable) is { } dir
            ? Path.GetFullPath(dir, console.WorkingDirectory)
            : null;
        Json = parse.GetValue(GlobalOptions.Json);
        Direct = parse.GetValue(GlobalOptions.Direct);
        Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(GlobalOptions.Timeout)));
    }

    public AdminConsole Console { get; }

    public string ServerUrl { get; }

    public string? DataDirectory { get; }

    public bool Json { get; }

    public bool Direct { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// True when a database is configured for the commands that work without the server: a connection string, or a data
    /// directory that holds an embedded cluster (a data directory may also serve only for its signing key).
    /// </summary>
    public bool HasDatabase => _connection is not null || (DataDirectory is not null && File.Exists(Path.Combine(DataDirectory, "pg", "PG_VERSION")));

    public ServerClient Server => _server ??= new ServerClient(ParseServerUrl(), TokenAsync, Timeout);

    public async Task<AdminDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        _database ??= await AdminDatabase.OpenAsync(_connection, DataDirectory, cancellationToken);

    /// <summary>
    /// Asks the server; when it is unreachable and a database is configured (or --direct is given), reads the database
    /// instead and says so on stderr.
    /// </summary>
    public async Task<T> ServerOrDatabaseAsync<T>(Func<ServerClient, Task<T>> viaServer, Func<AdminDatabase, Task<T>> viaDatabase,
        CancellationToken cancellationToken)
    {
        if (Direct)
            return await viaDatabase(await DatabaseAsync(cancellationToken));
        try
        {
            return await viaServer(Server);
        }
        catch (AdminException e) when (e.ExitCode == ExitCodes.ServerUnreachable && HasDatabase)
        {
            var database = await DatabaseAsync(cancellationToken);
            Note($"{e.Message} Working directly on {database.Description}.");
            return await viaDatabase(database);
        }
    }

    /// <summary>A line for people on stderr (stdout stays clean for --json and CSV).</summary>
    public void Note(string text) => Console.Error.WriteLine(text);

    public void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, AdminJson.Indented));

    private Uri ParseServerUrl()
    {
        if (!Uri.TryCreate(ServerUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new AdminException(ExitCodes.Usage, $"'{ServerUrl}' is not a server URL.", $"Use e.g. --server {GlobalOptions.DefaultServer}");
        return uri;
    }

    private async Task<string> TokenAsync()
    {
        if (_token is not null)
            return _token;
        if (_mintedToken is not null)
            return _mintedToken;
        var key = LocalTokens.FindKey(Console.Variable(LocalTokens.KeyVariable), DataDirectory);
        if (key is null)
        {
            // Unreachable beats "no token": it lets the caller fall back to the database.
            if (!await Server.AnswersAsync(CancellationToken.None))
                throw new AdminException(ExitCodes.ServerUnreachable, $"The server at {ServerUrl} is unreachable.",
                    "Check --server / INVENTORY_SERVER, or use --connection / --data-dir for the commands that work on PostgreSQL directly.");
            throw new AdminException(ExitCodes.Unauthorized, "No token to call the server with.",
                $"Pass an admin token with --token or {GlobalOptions.TokenVariable}; mint one with " +
                "inventory-admin token mint --role admin --user <you> --data-dir <server data directory>, " +
                "or give --data-dir and the CLI mints a short-lived one for each call.");
        }
        return _mintedToken = LocalTokens.Issue(key, Environment.UserName + "@inventory-admin", ["admin"], MintedTokenLifetime);
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

using System.CommandLine;

namespace Inventory.Admin.Cli;

/// <summary>Options every command takes (recursive on the root command), each with its environment variable.</summary>
public static class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string ServerVariable = "INVENTORY_SERVER";
    public const string TokenVariable = "INVENTORY_TOKEN";
    public const string ConnectionVariable = "INVENTORY_CONNECTION";
    public const string DataDirectoryVariable = "INVENTORY_DATA_DIR";

    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"Base URL of the Inventory server [env {ServerVariable}; default {DefaultServer}]",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = $"Bearer token with the admin role [env {TokenVariable}; default: minted per call from --data-dir's signing key]",
        Recursive = true,
    };

    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = $"The server's data directory: its signing key (to mint tokens) and its embedded PostgreSQL (<dir>/pg) [env {DataDirectoryVariable}]",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = $"Npgsql connection string of the service's PostgreSQL, for commands that work with the server down [env {ConnectionVariable}]",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON for scripts instead of tables",
        Recursive = true,
    };

    public static readonly Option<bool> Direct = new("--direct")
    {
        Description = "Skip the server and work on PostgreSQL directly (needs --connection or --data-dir; only while the server is stopped for repairs)",
        Recursive = true,
    };

    public static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for the server's answer",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Server, Token, DataDirectory, Connection, Json, Direct, Timeout];
}

namespace Inventory.Admin;

/// <summary>The CLI's exit codes (documented in docs/admin-cli.md, "Exit codes"). Scripts may rely on them: never renumber one.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Anything unexpected (a bug, an I/O error); the message says what.</summary>
    public const int Failed = 1;
    /// <summary>Bad command line: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;
    /// <summary>The server did not answer at --server / INVENTORY_SERVER.</summary>
    public const int ServerUnreachable = 3;
    /// <summary>No token, or the server refused it (401) or its role (403).</summary>
    public const int Unauthorized = 4;
    /// <summary>What was named does not exist: position, reservation, alert, an inactive grain.</summary>
    public const int NotFound = 5;
    /// <summary>No database configured, or PostgreSQL did not answer.</summary>
    public const int DatabaseUnreachable = 6;
    /// <summary>The server refused the operation (409: not active, already resolved; 400: invalid input).</summary>
    public const int Refused = 7;
    /// <summary>A check found problems: reconcile differences not repaired, consistency problems, an unhealthy server.</summary>
    public const int CheckFailed = 8;
}

namespace Inventory.Admin;

/// <summary>A failure the CLI explains to the operator: what happened, what to do about it, and its exit code.</summary>
public sealed class AdminException(int exitCode, string message, string? hint = null, string? code = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>What to do about it, shown under the message.</summary>
    public string? Hint { get; } = hint;

    /// <summary>The server's stable problem code, when the server refused.</summary>
    public string? Code { get; } = code;
}

namespace Inventory.Postgres.Embedded;

/// <summary>Exit code and combined stdout/stderr of a finished program.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() =>
        $"`{CommandLine}` exited with code {ExitCode}" +
        (string.IsNullOrWhiteSpace(Output) ? " and printed nothing." : $":{Environment.NewLine}{Output.TrimEnd()}");
}

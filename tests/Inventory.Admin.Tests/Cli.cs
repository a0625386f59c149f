using System.Text.Json;

namespace Inventory.Admin.Tests;

/// <summary>Runs inventory-admin in-process through its entry point, with its own output and environment.</summary>
public sealed class Cli(IReadOnlyDictionary<string, string?> environment)
{
    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new AdminConsole(output, error, environment, ansi: false, width: 200);
        var exit = await AdminCli.RunAsync(args, console, cancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString(), args);
    }

    public Cli With(string name, string? value) => new(new Dictionary<string, string?>(environment) { [name] = value });
}

public sealed record CliResult(int Exit, string Out, string Error, string[] Args)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();

    public CliResult Succeeded()
    {
        Assert.True(Exit == ExitCodes.Ok, Describe());
        return this;
    }

    public CliResult Exited(int code)
    {
        Assert.True(Exit == code, $"expected exit {code}; " + Describe());
        return this;
    }

    private string Describe() => $"inventory-admin {string.Join(' ', Args)} exited {Exit}\nstdout:\n{Out}\nstderr:\n{Error}";
}

using System.CommandLine;

namespace Inventory.Admin.Cli;

/// <summary>Binds a command to its body, which gets a fresh <see cref="Session"/> (disposed when the command ends).</summary>
public static class Actions
{
    public static Command Runs(this Command command, AdminConsole console, Func<Session, ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = new Session(console, parse);
            return await body(session, parse, cancellationToken);
        });
        return command;
    }

    /// <summary>A required positional argument.</summary>
    public static Argument<string> Argument(string name, string description) => new(name) { Description = description };

    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    public static Option<int> Number(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}

using Spectre.Console;

namespace Inventory.Admin;

/// <summary>
/// Where the CLI writes and what it reads from its environment. The process's own console, or — in tests — writers
/// and an environment of their own, so many invocations can run in one process side by side.
/// </summary>
public sealed class AdminConsole
{
    public AdminConsole(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment = null,
        bool ansi = false, int width = 160, string? workingDirectory = null)
    {
        Out = output;
        Error = error;
        Environment = environment;
        WorkingDirectory = workingDirectory ?? System.Environment.CurrentDirectory;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Ansi.Profile.Width = width;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre.Console over <see cref="Out"/>, for tables.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Variables to read instead of the process environment (null: the process environment).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; }

    public string WorkingDirectory { get; }

    public string? Variable(string name) =>
        Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.GetValueOrDefault(name);

    /// <summary>The process's console: colours and the terminal's width when stdout is a terminal, plain text when piped.</summary>
    public static AdminConsole FromProcess()
    {
        var redirected = Console.IsOutputRedirected;
        var width = redirected ? 160 : Math.Max(80, SafeWindowWidth());
        return new AdminConsole(Console.Out, Console.Error, null, ansi: !redirected && System.Environment.GetEnvironmentVariable("NO_COLOR") is null, width);
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}

using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Admin.Commands;

namespace Inventory.Admin;

/// <summary>The inventory-admin command line: every command, and how failures become messages and exit codes.</summary>
public static class AdminCli
{
    public static RootCommand Build(AdminConsole console)
    {
        var root = new RootCommand("""
            inventory-admin: see inside the Inventory server's grains and repair what the ledger proves wrong.
            Commands that act on memory (grains, grain deactivate, reservations release/expire-now, alerts ack) need the server;
            the others fall back to PostgreSQL (--connection or --data-dir) when the server is unreachable.
            Exit codes: 0 ok, 1 failed, 2 usage, 3 server unreachable, 4 token missing or rejected, 5 not found,
            6 database unreachable, 7 refused by the server, 8 a check found problems.
            """);
        foreach (var option in GlobalOptions.All)
            root.Add(option);
        root.Add(GrainsCommands.Grains(console));
        root.Add(GrainsCommands.Grain(console));
        root.Add(PositionCommands.Position(console));
        root.Add(ReconcileCommand.Create(console));
        root.Add(LedgerCommands.Create(console));
        root.Add(ReservationCommands.Create(console));
        root.Add(AlertCommands.Create(console));
        root.Add(TokenCommands.Create(console));
        root.Add(MigrateCommand.Create(console));
        root.Add(HealthCommand.Create(console));
        root.Add(ReportCommands.Create(console));
        root.Add(CheckCommands.Create(console));
        return root;
    }

    /// <summary>Runs one command line; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, AdminConsole console, CancellationToken cancellationToken = default)
    {
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                console.Error.WriteLine("error: " + error.Message);
            console.Error.WriteLine("Run 'inventory-admin --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (AdminException e)
        {
            console.Error.WriteLine("error: " + e.Message);
            if (e.Hint is not null)
                console.Error.WriteLine("  what to do: " + e.Hint);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("Cancelled.");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine(e.StackTrace);
            return ExitCodes.Failed;
        }
    }
}

using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Storage.Postgres;

namespace Inventory.Admin.Commands;

/// <summary><c>migrate</c>: applies the schema migrations this build carries, directly on PostgreSQL (the server may run or not).</summary>
public static class MigrateCommand
{
    public static Command Create(AdminConsole console)
    {
        var command = new Command("migrate", "Apply the database migrations (directly on PostgreSQL: --connection or --data-dir)");
        return command.Runs(console, async (session, _, ct) =>
        {
            var database = await session.DatabaseAsync(ct);
            var applied = await MigrationRunner.ApplyAsync(database.ConnectionString, cancellationToken: ct);
            var latest = MigrationRunner.Migrations.Count == 0 ? 0 : MigrationRunner.Migrations[^1].Version;
            if (session.Json)
            {
                session.WriteJson(new { database = database.Description, applied = applied.Select(m => new { m.Version, m.Name }), latest });
            }
            else if (applied.Count == 0)
            {
                console.Out.WriteLine($"{database.Description} is up to date (migration {latest:0000}).");
            }
            else
            {
                foreach (var migration in applied)
                    console.Out.WriteLine($"applied {migration.Version:0000}_{migration.Name}");
                console.Out.WriteLine($"{database.Description}: {applied.Count} migrations applied, now at {latest:0000}.");
            }
            return ExitCodes.Ok;
        });
    }
}

using System.CommandLine;
using System.Net;
using System.Text.Json;
using Inventory.Admin.Cli;
using Inventory.Admin.Output;
using Inventory.Storage.Postgres;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>health</c>: the server's /health (no token needed) and, with a token, its background checks; with a database
/// configured, also whether PostgreSQL answers and its migrations are current. Exit 0 healthy, 3 unreachable, 8 unhealthy.
/// </summary>
public static class HealthCommand
{
    public static Command Create(AdminConsole console)
    {
        var command = new Command("health", "Is the server up and ready, what did its background checks last do, is the database reachable");
        return command.Runs(console, async (session, _, ct) =>
        {
            var facts = new List<(string, string)> { ("Server", session.ServerUrl) };
            object? serverHealth = null, checks = null, database = null;
            var exit = ExitCodes.Ok;
            try
            {
                var (status, body) = await session.Server.GetAnonymousAsync("/health", ct);
                serverHealth = body;
                var text = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var s) ? s.GetString() : status.ToString();
                facts.Add(("Status", $"{text} (HTTP {(int)status})"));
                if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("checks", out var entries))
                {
                    foreach (var entry in entries.EnumerateObject())
                        facts.Add(($"  {entry.Name}", entry.Value.GetProperty("status").GetString() + (entry.Value.TryGetProperty("description", out var d) && d.GetString() is { } desc ? " - " + desc : "")));
                }
                if (status != HttpStatusCode.OK) exit = ExitCodes.CheckFailed;
                try
                {
                    var c = await session.Server.GetAsync<JsonElement>("/api/v1/admin/checks", ct);
                    checks = c;
                    facts.Add(("Expiry sweep", $"every {Format.Age(c.GetProperty("expirySweepIntervalSeconds").GetDouble())}"));
                    facts.Add(("Consistency check", Describe(c, "consistencyCheckEnabled", "consistencyIntervalSeconds", "lastConsistencyCheck")));
                    facts.Add(("Daily report", $"{(c.GetProperty("dailyReportEnabled").GetBoolean() ? "at " + c.GetProperty("dailyReportTimeUtc").GetString() + " UTC" : "off")}, " +
                        $"to {c.GetProperty("reportsDirectory").GetString()}; {LastReport(c)}"));
                }
                catch (AdminException e) when (e.ExitCode == ExitCodes.Unauthorized)
                {
                    facts.Add(("Background checks", "not shown: " + e.Message));
                }
            }
            catch (AdminException e) when (e.ExitCode == ExitCodes.ServerUnreachable)
            {
                facts.Add(("Status", "unreachable"));
                exit = ExitCodes.ServerUnreachable;
                if (!session.HasDatabase)
                    facts.Add(("Hint", e.Hint ?? ""));
            }

            if (session.HasDatabase)
            {
                try
                {
                    var db = await session.DatabaseAsync(ct);
                    await using var command = db.DataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM schema_migrations");
                    var version = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                    var latest = MigrationRunner.Migrations.Count == 0 ? 0 : MigrationRunner.Migrations[^1].Version;
                    database = new { reachable = true, description = db.Description, migration = version, latestMigration = latest };
                    facts.Add(("Database", $"{db.Description}: reachable, migration {version:0000}{(version < latest ? $" (behind {latest:0000}: run inventory-admin migrate)" : "")}"));
                }
                catch (Exception e) when (e is AdminException or Npgsql.NpgsqlException)
                {
                    database = new { reachable = false, error = e.Message };
                    facts.Add(("Database", "unreachable: " + e.Message));
                    if (exit == ExitCodes.Ok) exit = ExitCodes.CheckFailed;
                }
            }

            if (session.Json)
                session.WriteJson(new { server = session.ServerUrl, reachable = serverHealth is not null, health = serverHealth, checks, database, exitCode = exit });
            else
                console.Ansi.Write(Format.Facts(facts));
            return exit;
        });
    }

    private static string Describe(JsonElement c, string enabled, string interval, string last)
    {
        if (!c.GetProperty(enabled).GetBoolean()) return "off";
        var text = $"every {Format.Age(c.GetProperty(interval).GetDouble())}";
        if (c.GetProperty(last) is not { ValueKind: JsonValueKind.Object } run) return text + "; not run yet";
        var at = run.GetProperty("at").GetDateTimeOffset();
        return run.GetProperty("error").GetString() is { } error
            ? $"{text}; last run {Format.Time(at)} failed: {error}"
            : $"{text}; last run {Format.Time(at)}: {run.GetProperty("problems").GetInt32()} problems, {run.GetProperty("alertsRaised").GetInt32()} alerts raised";
    }

    private static string LastReport(JsonElement c)
    {
        if (c.GetProperty("lastDailyReport") is not { ValueKind: JsonValueKind.Object } run) return "none written since start";
        return run.GetProperty("error").GetString() is { } error
            ? $"last ({run.GetProperty("date").GetString()}) failed: {error}"
            : $"last {run.GetProperty("date").GetString()} at {Format.Time(run.GetProperty("at").GetDateTimeOffset())}";
    }
}

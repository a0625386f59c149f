using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Inventory.Storage.Postgres;

/// <summary>
/// Applies the embedded SQL migrations in version order, each in its own transaction, and records them in
/// schema_migrations. Safe to run from several processes at once: each transaction first takes a
/// transaction-scoped advisory lock, so runners queue and a migration applied by one is skipped by the others.
/// </summary>
public static partial class MigrationRunner
{
    // Arbitrary constant shared by every runner; advisory locks are scoped to the database.
    private const long AdvisoryLockKey = 0x496E_765F_4D69_6772; // "Inv_Migr"

    private const string CreateHistory = """
        create table if not exists schema_migrations (
            version    int primary key,
            name       text not null,
            applied_at timestamptz not null default now()
        )
        """;

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(Discover);

    /// <summary>Every migration this build carries, in version order.</summary>
    public static IReadOnlyList<Migration> Migrations => Embedded.Value;

    /// <summary>Applies the migrations the database lacks; returns those this call applied (empty when up to date).</summary>
    public static async Task<IReadOnlyList<Migration>> ApplyAsync(
        string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        logger ??= NullLogger.Instance;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        HashSet<int> applied;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await LockAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (var create = new NpgsqlCommand(CreateHistory, connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            applied = await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var unknown = applied.Except(Migrations.Select(m => m.Version)).Order().ToList();
        if (unknown.Count > 0)
        {
            logger.UnknownApplied(string.Join(", ", unknown));
        }

        var result = new List<Migration>();
        foreach (var migration in Migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            var stopwatch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockAsync(connection, cancellationToken).ConfigureAwait(false);

            // Another runner may have applied it while this one waited for the lock.
            if ((await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false)).Contains(migration.Version))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await using (var script = new NpgsqlCommand(migration.Sql, connection))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand("insert into schema_migrations (version, name) values ($1, $2)", connection))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.Applied(migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
            result.Add(migration);
        }

        if (result.Count == 0)
        {
            logger.UpToDate(Migrations.Count == 0 ? 0 : Migrations[^1].Version);
        }

        return result;
    }

    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand("select version from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static IReadOnlyList<Migration> Discover()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate)}.");
        }

        return migrations;
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d+)_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}

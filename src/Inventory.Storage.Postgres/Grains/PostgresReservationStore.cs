using System.Text.Json;
using Inventory.Domain.Reservations;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Reservation records in the reservations table, written with a version check. Saves and loads go through statement
/// batchers: concurrent checkouts share one INSERT/UPDATE statement (one commit) and one SELECT. New records are stored by the position commits
/// that hold their lines (<see cref="PostgresStockPositionStore.SaveAsync"/>): a single line's record in reservations, a cart's as
/// one reservation_pending_lines row per held line, which the cart's first save here replaces by its record.
/// </summary>
public sealed class PostgresReservationStore : IReservationStore, IAsyncDisposable
{
    private const string Columns = "id, status, lines, expires_at, created_at, updated_at, reference, created_by, shortages, version";

    private static readonly string SaveSql = $"""
        WITH input AS (
            SELECT * FROM unnest({ReservationRows.Arrays(1)}, $10::bigint[]) AS i({ReservationRows.Columns}, expected)
        ),
        inserted AS (
            INSERT INTO reservations ({ReservationRows.Columns}, version)
            SELECT {ReservationRows.Columns}, 1 FROM input WHERE expected = 0
            ON CONFLICT (id) DO NOTHING
            RETURNING id
        ),
        updated AS (
            UPDATE reservations r SET status = i.status, lines = i.lines, expires_at = i.expires_at, updated_at = i.updated_at,
                shortages = i.shortages, version = r.version + 1
            FROM input i WHERE i.expected <> 0 AND r.id = i.id AND r.version = i.expected
            RETURNING r.id
        ),
        written AS (SELECT id FROM inserted UNION ALL SELECT id FROM updated),
        cleared AS (DELETE FROM reservation_pending_lines p USING written w WHERE p.id = w.id)
        SELECT id FROM written
        """;

    /// <summary>
    /// Carts in flight: one row per cart whose lines hold its (pending) record but whose record is not written yet,
    /// with the columns of <see cref="ReservationRows.Columns"/>. Read as a subquery wherever records are looked up.
    /// </summary>
    internal static readonly string CartsInFlight = $"""
        SELECT DISTINCT ON (id) {ReservationRows.Columns} FROM reservation_pending_lines p
        WHERE NOT EXISTS (SELECT 1 FROM reservations r WHERE r.id = p.id)
        """;

    // A cart in flight loads as pending at version 0: recovery decides from its lines, and its first save inserts
    // the record.
    private static readonly string LoadSql = $"""
        SELECT {Columns} FROM reservations WHERE id = ANY($1)
        UNION ALL
        SELECT {ReservationRows.Columns}, 0 FROM ({CartsInFlight}) c WHERE id = ANY($1)
        """;


    private readonly NpgsqlDataSource dataSource;
    private readonly StatementBatcher<Save> saves;
    private readonly StatementBatcher<Load> loads;

    public PostgresReservationStore(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions>? options = null)
    {
        this.dataSource = dataSource;
        var settings = options?.Value ?? new PostgresStorageOptions();
        saves = new StatementBatcher<Save>(SaveBatchAsync, settings.CommitWriters, settings.MaxPositionsPerCommit);
        loads = new StatementBatcher<Load>(LoadBatchAsync, settings.CommitWriters, settings.MaxPositionsPerCommit);
    }

    public async ValueTask DisposeAsync()
    {
        await saves.DisposeAsync();
        await loads.DisposeAsync();
    }

    public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        var load = new Load(reservationId);
        loads.Enqueue(load);
        return load.Task;
    }

    public async Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var save = new Save(record, expectedVersion);
        saves.Enqueue(save);
        await save.Task;
        return expectedVersion + 1;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id FROM (
                SELECT id, status, expires_at FROM reservations
                UNION ALL
                SELECT id, status, expires_at FROM ({CartsInFlight}) c
            ) ids
            WHERE status = ANY($1) AND ($2::timestamptz IS NULL OR expires_at < $2)
            ORDER BY expires_at, id
            """);
        command.Parameters.Add(new() { Value = statuses.Select(s => s.ToString().ToLowerInvariant()).ToArray() });
        command.Parameters.Add(new() { Value = expiresBefore.HasValue ? expiresBefore.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetString(0));
        return ids;
    }

    private async Task LoadBatchAsync(List<Load> batch)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(new() { Value = batch.Select(l => l.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var found = new Dictionary<string, (ReservationRecord, long)>(StringComparer.Ordinal);
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                found[r.GetString(0)] = (Read(r), r.GetInt64(9));
        }
        foreach (var load in batch)
            load.TrySetResult(found.TryGetValue(load.Id, out var record) ? record : null);
    }

    private async Task SaveBatchAsync(List<Save> batch)
    {
        var rows = new ReservationRows(batch.Count);
        var expected = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            rows.Add(batch[i].Record);
            expected[i] = batch[i].ExpectedVersion;
        }

        await using var command = dataSource.CreateCommand(SaveSql);
        rows.AddParameters(command.Parameters);
        command.Parameters.Add(new() { Value = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });

        var written = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                written.Add(reader.GetString(0));
        }
        foreach (var save in batch)
        {
            if (written.Contains(save.Record.Id))
                save.TrySetResult();
            else
                save.TrySetException(new VersionConflictException($"Reservation {save.Record.Id} is not at version {save.ExpectedVersion}."));
        }
    }

    private static ReservationRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        Enum.Parse<ReservationStatusValue>(r.GetString(1), ignoreCase: true),
        JsonSerializer.Deserialize<ReservationLine[]>(r.GetString(2), StoredJson.Options) ?? [],
        new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero),
        new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero),
        new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? "" : r.GetString(7),
        r.IsDBNull(8) ? null : JsonSerializer.Deserialize<LineShortage[]>(r.GetString(8), StoredJson.Options));

    private sealed class Load(string id) : TaskCompletionSource<(ReservationRecord Record, long Version)?>(TaskCreationOptions.RunContinuationsAsynchronously),
        IBatchedRequest
    {
        public string Id { get; } = id;

        public object Key => Id;
    }

    private sealed class Save(ReservationRecord record, long expectedVersion) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        IBatchedRequest
    {
        public ReservationRecord Record { get; } = record;

        public long ExpectedVersion { get; } = expectedVersion;

        public object Key => Record.Id;
    }
}

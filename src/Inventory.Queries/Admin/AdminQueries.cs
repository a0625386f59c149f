using System.Text;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Grains;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries.Admin;

/// <summary>
/// The admin tooling's reads over committed data: one position in full, the ledger across positions, reservation
/// records and alerts of every kind. Used by the server's admin endpoints and, while the server is down, directly by
/// the admin CLI, so both show the same thing.
/// </summary>
/// <remarks>Positions are read through the <see cref="IStockPositionStore"/>, which knows how their full state is stored.</remarks>
public sealed class AdminQueries(NpgsqlDataSource dataSource, IStockPositionStore store)
{

    /// <summary>The stored state of a position and its stored version; null when the position has never been written.</summary>
    public async Task<(StockPositionSnapshot Snapshot, long Version)?> LoadSnapshotAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM stock_positions WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        if (await command.ExecuteScalarAsync(cancellationToken) is not long version)
            return null;
        return await store.LoadAsync(position, cancellationToken) is { } snapshot ? (snapshot, version) : null;
    }

    public async Task<LedgerStats> LedgerStatsAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), coalesce(max(position_seq), 0), max(seq), max(at) FROM stock_ledger WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return new LedgerStats(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2),
            r.IsDBNull(3) ? null : new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero));
    }

    /// <summary>
    /// The position as stored, or — when <paramref name="live"/> is given — as its activation holds it. Null when the
    /// position is unknown (no snapshot and nothing live).
    /// </summary>
    public async Task<PositionDetail?> PositionAsync(PositionKey position, bool? activeInMemory, StockPositionSnapshot? live,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var stored = await LoadSnapshotAsync(position, cancellationToken);
        var snapshot = live ?? stored?.Snapshot;
        if (snapshot is null)
            return null;
        var ledger = await LedgerStatsAsync(position, cancellationToken);
        return PositionDetail.Of(snapshot, activeInMemory, live is null ? "snapshot" : "memory", stored?.Version, ledger, now);
    }

    /// <summary>Ledger entries in global sequence order.</summary>
    public async Task<LedgerRows> LedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, LedgerQuery.MaxLimit);
        await using var command = dataSource.CreateCommand($"""
            SELECT {LedgerReader.Columns} FROM stock_ledger
            WHERE seq > $1 AND ($2::text IS NULL OR warehouse = $2) AND ($3::text IS NULL OR sku = $3)
              AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
            ORDER BY seq LIMIT $6
            """);
        var p = command.Parameters;
        p.Add(new() { Value = query.AfterSeq });
        p.Add(new() { Value = (object?)query.Warehouse ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)query.Sku ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = query.From.HasValue ? query.From.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = query.To.HasValue ? query.To.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = limit + 1 });
        var rows = new List<LedgerRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (seq, e) = LedgerReader.Read(reader);
                rows.Add(new LedgerRow(seq, e.Position.Warehouse, e.Position.Sku, e.Sequence, LedgerEntryTypes.Name(e.Type), e.Quantity,
                    e.UnitCost, e.TotalCost, e.OnHandAfter, e.ReservedAfter, e.ReservationId, e.ExpiresAt, e.Reference, e.Reason, e.Lot,
                    e.LotExpiresOn, e.RequestId, e.User, e.Role, e.At));
            }
        }
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return new LedgerRows(rows, hasMore ? rows[^1].Seq : null, await LastLedgerSeqAsync(cancellationToken));
    }

    /// <summary>The newest global ledger sequence (0 for an empty ledger).</summary>
    public async Task<long> LastLedgerSeqAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM stock_ledger");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<ReservationRow>> ReservationsAsync(ReservationQuery query, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        // "expired" also finds active records past their expiry (the reservation grain records them lazily); "active" excludes them.
        var sql = new StringBuilder("""
            SELECT id, status, reference, created_by, created_at, expires_at, updated_at, lines FROM reservations WHERE true
            """);
        await using var command = dataSource.CreateCommand();
        var p = command.Parameters;
        p.Add(new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        switch (query.Status)
        {
            case "active":
                sql.Append(" AND status = 'active' AND expires_at > $1");
                break;
            case "expired":
                sql.Append(" AND (status = 'expired' OR (status = 'active' AND expires_at <= $1))");
                break;
            case { } status:
                p.Add(new() { Value = status });
                sql.Append($" AND status = ${p.Count}");
                break;
        }
        if (query.CreatedBefore is { } before)
        {
            p.Add(new() { Value = before.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            sql.Append($" AND created_at < ${p.Count}");
        }
        if (query.Reference is { } reference)
        {
            p.Add(new() { Value = reference });
            sql.Append($" AND reference = ${p.Count}");
        }
        p.Add(new() { Value = Math.Clamp(query.Limit, 1, ReservationQuery.MaxLimit) });
        sql.Append($" ORDER BY created_at, id LIMIT ${p.Count}");
        command.CommandText = sql.ToString();

        var rows = new List<ReservationRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var stored = r.GetString(1);
            var createdAt = Utc(r.GetDateTime(4));
            var expiresAt = Utc(r.GetDateTime(5));
            var lines = JsonSerializer.Deserialize<ReservationLine[]>(r.GetString(7), StoredJson.Options) ?? [];
            rows.Add(new ReservationRow(
                r.GetString(0),
                stored == "active" && expiresAt <= now ? "expired" : stored,
                stored,
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                createdAt,
                expiresAt,
                Utc(r.GetDateTime(6)),
                Math.Max(0, (now - createdAt).TotalSeconds),
                lines.Sum(l => l.Quantity),
                lines));
        }
        return rows;
    }

    public async Task<IReadOnlyList<AlertRow>> AlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("""
            SELECT id, warehouse, sku, kind, severity, status, message, raised_at, acknowledged_at, acknowledged_by, note, resolved_at, data
            FROM alerts WHERE true
            """);
        await using var command = dataSource.CreateCommand();
        var p = command.Parameters;
        void Where(string column, string? value)
        {
            if (value is null) return;
            p.Add(new() { Value = value });
            sql.Append($" AND {column} = ${p.Count}");
        }
        if (query.Status == "active") sql.Append(" AND status <> 'resolved'");
        else Where("status", query.Status);
        Where("kind", query.Kind);
        Where("warehouse", query.Warehouse);
        Where("sku", query.Sku);
        p.Add(new() { Value = Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit) });
        sql.Append($" ORDER BY id DESC LIMIT ${p.Count}");
        command.CommandText = sql.ToString();

        var rows = new List<AlertRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(r.GetString(12));
            rows.Add(new AlertRow(
                r.GetInt64(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3),
                r.GetString(4),
                r.GetString(5),
                r.GetString(6),
                Utc(r.GetDateTime(7)),
                r.IsDBNull(8) ? null : Utc(r.GetDateTime(8)),
                r.IsDBNull(9) ? null : r.GetString(9),
                r.IsDBNull(10) ? null : r.GetString(10),
                r.IsDBNull(11) ? null : Utc(r.GetDateTime(11)),
                data.RootElement.Clone()));
        }
        return rows;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

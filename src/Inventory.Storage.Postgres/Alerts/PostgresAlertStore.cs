using System.Text;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Alerts;

/// <summary>
/// Alerts in the alerts table. The partial unique index alerts_one_active (migration 0010) keeps one active alert
/// per position and kind, so a raise repeated by an at-least-once replay stores nothing.
/// </summary>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{

    private const string Columns = """
        id, warehouse, sku, kind, severity, status, message, data, raised_at, raised_seq, acknowledged_at,
        acknowledged_by, note, resolved_at, resolved_seq
        """;

    public async Task<PositionAlerts> LoadPositionAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"SELECT {Columns} FROM alerts WHERE warehouse = $1 AND sku = $2 AND status <> 'resolved'", position.Warehouse, position.Sku),
                Command("""
                    SELECT kind, max(raised_at), max(greatest(coalesce(raised_seq, 0), coalesce(resolved_seq, 0)))
                    FROM alerts WHERE warehouse = $1 AND sku = $2 GROUP BY kind
                    """, position.Warehouse, position.Sku),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var active = new Dictionary<string, Alert>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var alert = Read(reader);
            active[alert.Kind] = alert;
        }
        await reader.NextResultAsync(cancellationToken);
        var lastRaised = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        long lastSeq = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            lastRaised[reader.GetString(0)] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
            lastSeq = Math.Max(lastSeq, reader.GetInt64(2));
        }
        return new PositionAlerts(active, lastRaised, lastSeq);
    }

    public async Task<(Alert Alert, bool Raised)> RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO alerts (warehouse, sku, kind, severity, status, message, data, raised_at, raised_seq)
            VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8)
            ON CONFLICT (warehouse, sku, kind) WHERE status <> 'resolved' DO NOTHING
            RETURNING {Columns}
            """);
        var p = command.Parameters;
        p.Add(new() { Value = alert.Warehouse });
        p.Add(new() { Value = alert.Sku });
        p.Add(new() { Value = alert.Kind });
        p.Add(new() { Value = alert.Severity });
        p.Add(new() { Value = alert.Message });
        p.Add(new() { Value = JsonSerializer.Serialize(alert.Details, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = alert.RaisedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = alert.RaisedSeq });
        var inserted = await SingleAsync(command, cancellationToken);
        if (inserted is not null)
            return (inserted, true);

        await using var existing = dataSource.CreateCommand(
            $"SELECT {Columns} FROM alerts WHERE warehouse = $1 AND sku = $2 AND kind = $3 AND status <> 'resolved'");
        existing.Parameters.Add(new() { Value = alert.Warehouse });
        existing.Parameters.Add(new() { Value = alert.Sku });
        existing.Parameters.Add(new() { Value = alert.Kind });
        // Resolved between the two statements: then there is nothing active to return; raise again.
        return await SingleAsync(existing, cancellationToken) is { } active ? (active, false) : await RaiseAsync(alert, cancellationToken);
    }

    public async Task<Alert?> ResolveAsync(long id, DateTimeOffset at, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE alerts SET status = 'resolved', resolved_at = $2, resolved_seq = $3
            WHERE id = $1 AND status <> 'resolved' RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = seq });
        return await SingleAsync(command, cancellationToken);
    }

    public async Task<Alert?> AcknowledgeAsync(long id, string user, string? note, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE alerts SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, note = $4
            WHERE id = $1 AND status <> 'resolved' RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = user });
        command.Parameters.Add(new() { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await SingleAsync(command, cancellationToken) ?? await GetAsync(id, cancellationToken);
    }

    public async Task<Alert?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alerts WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        return await SingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM alerts WHERE true");
        await using var command = dataSource.CreateCommand();
        void Where(string condition, object value)
        {
            command.Parameters.Add(new() { Value = value });
            sql.Append(" AND ").Append(condition.Replace("$", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }
        if (filter.Status == AlertStatuses.Active) sql.Append(" AND status <> 'resolved'");
        else if (filter.Status is { } status) Where("status = $", status);
        if (filter.Warehouse is { } warehouse) Where("warehouse = $", warehouse);
        if (filter.Kind is { } kind) Where("kind = $", kind);
        if (filter.Sku is { } sku) Where("sku = $", sku);
        command.Parameters.Add(new() { Value = filter.Limit });
        sql.Append(" ORDER BY id DESC LIMIT $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
            alerts.Add(Read(reader));
        return alerts;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new() { Value = value });
        return command;
    }

    private static async Task<Alert?> SingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Alert Read(NpgsqlDataReader r) => new(
        Id: r.GetInt64(0),
        Warehouse: r.GetString(1),
        Sku: r.GetString(2),
        Kind: r.GetString(3),
        Severity: r.GetString(4),
        Status: r.GetString(5),
        Message: r.GetString(6),
        Details: JsonSerializer.Deserialize<AlertDetails>(r.GetString(7), StoredJson.Options)!,
        RaisedAt: Utc(r.GetDateTime(8)),
        RaisedSeq: r.IsDBNull(9) ? 0 : r.GetInt64(9),
        AcknowledgedAt: r.IsDBNull(10) ? null : Utc(r.GetDateTime(10)),
        AcknowledgedBy: r.IsDBNull(11) ? null : r.GetString(11),
        Note: r.IsDBNull(12) ? null : r.GetString(12),
        ResolvedAt: r.IsDBNull(13) ? null : Utc(r.GetDateTime(13)),
        ResolvedSeq: r.IsDBNull(14) ? null : r.GetInt64(14));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

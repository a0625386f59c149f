using System.Text.Json;
using Inventory.Bench.Baseline.Model;
using Npgsql;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// The usual way to reserve: one transaction per request; for each line, in key order so two carts never deadlock,
/// lock the stock row (SELECT ... FOR UPDATE), check what is available, raise reserved and append a ledger row; then
/// commit. The row lock is held from the SELECT to the end of the COMMIT (including its WAL flush), so requests for
/// one position run one after another at the speed of a durable commit.
/// </summary>
/// <remarks>
/// Tuned fairly: the reservation row is inserted first (it needs no lock), and each line's UPDATE and ledger INSERT go
/// in one round trip, so a one-line request holds its lock for three round trips (lock, write, commit).
/// </remarks>
public static class RowLockCheckout
{
    private const string InsertReservation = """
        insert into reservations (id, status, reference, expires_at, created_by, lines) values ($1, 'active', $2, $3, $4, $5)
        """;

    private const string LockRow = "select on_hand, reserved from stock where warehouse = $1 and sku = $2 for update";

    private const string RaiseReserved = """
        update stock set reserved = reserved + $3 where warehouse = $1 and sku = $2 returning on_hand, reserved
        """;

    private const string AppendLedger = """
        insert into stock_ledger (warehouse, sku, type, quantity, on_hand_after, reserved_after, reservation_id, reference, user_name)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """;

    public static Problem? Validate(ReservationRequest request, out ReservationLine[] lines)
    {
        lines = [];
        if (request.Lines is not { Count: > 0 })
            return new Problem("Invalid request", 400, "VALIDATION_FAILED", "A reservation needs at least one line.");
        var merged = new Dictionary<(string Warehouse, string Sku), decimal>();
        foreach (var line in request.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Warehouse) || string.IsNullOrWhiteSpace(line.Sku))
                return new Problem("Invalid request", 400, "VALIDATION_FAILED", "Every line needs a warehouse and a sku.");
            if (line.Quantity <= 0)
                return new Problem("Invalid quantity", 400, "INVALID_QUANTITY", "quantity must be positive.");
            merged[(line.Warehouse, line.Sku)] = merged.GetValueOrDefault((line.Warehouse, line.Sku)) + line.Quantity;
        }
        lines = merged.Select(m => new ReservationLine(m.Key.Sku, m.Key.Warehouse, m.Value)).ToArray();
        Array.Sort(lines, static (a, b) =>
        {
            var byWarehouse = string.CompareOrdinal(a.Warehouse, b.Warehouse);
            return byWarehouse != 0 ? byWarehouse : string.CompareOrdinal(a.Sku, b.Sku);
        });
        return null;
    }

    /// <summary>Reserves every line or none; returns the short lines (empty when reserved and committed).</summary>
    public static async Task<IReadOnlyList<LineShortage>> ReserveAsync(NpgsqlDataSource db, string id, ReservationLine[] lines,
        DateTimeOffset expiresAt, string? reference, string user)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await using (var insert = new NpgsqlCommand(InsertReservation, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = id });
            insert.Parameters.Add(new() { Value = (object?)reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = expiresAt });
            insert.Parameters.Add(new() { Value = user });
            insert.Parameters.Add(new()
            {
                Value = JsonSerializer.Serialize(lines, BaselineJsonContext.Default.ReservationLineArray),
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb,
            });
            await insert.ExecuteNonQueryAsync();
        }

        List<LineShortage>? shortages = null;
        foreach (var line in lines)
        {
            decimal onHand = 0, reserved = 0;
            await using (var select = new NpgsqlCommand(LockRow, connection, transaction))
            {
                select.Parameters.Add(new() { Value = line.Warehouse });
                select.Parameters.Add(new() { Value = line.Sku });
                await using var reader = await select.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    onHand = reader.GetDecimal(0);
                    reserved = reader.GetDecimal(1);
                }
            }

            var available = onHand - reserved;
            if (available < line.Quantity)
            {
                (shortages ??= []).Add(new LineShortage(line.Warehouse, line.Sku, line.Quantity, available));
                continue;
            }
            if (shortages is not null)
                continue; // already refused: only find the other short lines

            await using var batch = new NpgsqlBatch(connection, transaction);
            var update = new NpgsqlBatchCommand(RaiseReserved);
            update.Parameters.Add(new() { Value = line.Warehouse });
            update.Parameters.Add(new() { Value = line.Sku });
            update.Parameters.Add(new() { Value = line.Quantity });
            batch.BatchCommands.Add(update);
            batch.BatchCommands.Add(Ledger(line, "reserved", line.Quantity, onHand, reserved + line.Quantity, id, reference, user));
            await batch.ExecuteNonQueryAsync();
        }

        if (shortages is not null)
        {
            await transaction.RollbackAsync();
            return shortages;
        }
        await transaction.CommitAsync();
        return [];
    }

    public static async Task<StockLevel> ReceiveAsync(NpgsqlDataSource db, string warehouse, string sku, decimal quantity, string? reference, string user)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        decimal onHand, reserved;
        await using (var upsert = new NpgsqlCommand("""
            insert into stock (warehouse, sku, on_hand) values ($1, $2, $3)
            on conflict (warehouse, sku) do update set on_hand = stock.on_hand + excluded.on_hand
            returning on_hand, reserved
            """, connection, transaction))
        {
            upsert.Parameters.Add(new() { Value = warehouse });
            upsert.Parameters.Add(new() { Value = sku });
            upsert.Parameters.Add(new() { Value = quantity });
            await using var reader = await upsert.ExecuteReaderAsync();
            await reader.ReadAsync();
            onHand = reader.GetDecimal(0);
            reserved = reader.GetDecimal(1);
        }
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Ledger(new ReservationLine(sku, warehouse, quantity), "received", quantity, onHand, reserved, null, reference, user));
            await batch.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return new StockLevel(sku, warehouse, onHand, reserved);
    }

    private static NpgsqlBatchCommand Ledger(ReservationLine line, string type, decimal quantity, decimal onHandAfter, decimal reservedAfter,
        string? reservationId, string? reference, string user)
    {
        var command = new NpgsqlBatchCommand(AppendLedger);
        var p = command.Parameters;
        p.Add(new() { Value = line.Warehouse });
        p.Add(new() { Value = line.Sku });
        p.Add(new() { Value = type });
        p.Add(new() { Value = quantity });
        p.Add(new() { Value = onHandAfter });
        p.Add(new() { Value = reservedAfter });
        p.Add(new() { Value = (object?)reservationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        p.Add(new() { Value = user });
        return command;
    }
}

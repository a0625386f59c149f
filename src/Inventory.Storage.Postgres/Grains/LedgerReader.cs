using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Npgsql;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>Maps stock_ledger rows to <see cref="LedgerEntry"/> (entry types by their stored names, <see cref="LedgerEntryTypes"/>).</summary>
public static class LedgerReader
{
    public const string Columns = """
        seq, warehouse, sku, position_seq, type, quantity, unit_cost, total_cost, on_hand_after, reserved_after,
        reservation_id, expires_at, reference, reason, lot, lot_expires_on, draws, request_id, user_name, user_role, at,
        from_status, to_status, manufactured_on, supplier, purchase_order, approved_by, approved_role, quality_after,
        damaged_after, incoming_after
        """;

    private static StockStatus ParseStatus(string name) =>
        StockFailures.TryParseStatus(name, out var status) ? status : throw new InvalidOperationException($"Unknown stock status '{name}' in the ledger.");

    /// <summary>Reads the current row (selected with <see cref="Columns"/>): the global sequence and the entry.</summary>
    public static (long Seq, LedgerEntry Entry) Read(NpgsqlDataReader r)
    {
        var entry = new LedgerEntry
        {
            Position = new PositionKey(r.GetString(1), r.GetString(2)),
            Sequence = r.GetInt64(3),
            Type = LedgerEntryTypes.Parse(r.GetString(4)),
            Quantity = r.GetDecimal(5),
            UnitCost = r.IsDBNull(6) ? null : r.GetDecimal(6),
            TotalCost = r.GetDecimal(7),
            OnHandAfter = r.GetDecimal(8),
            ReservedAfter = r.GetDecimal(9),
            ReservationId = r.IsDBNull(10) ? null : r.GetString(10),
            ExpiresAt = r.IsDBNull(11) ? null : new DateTimeOffset(r.GetDateTime(11), TimeSpan.Zero),
            Reference = r.IsDBNull(12) ? null : r.GetString(12),
            Reason = r.IsDBNull(13) ? null : r.GetString(13),
            Lot = r.IsDBNull(14) ? null : r.GetString(14),
            LotExpiresOn = r.IsDBNull(15) ? null : r.GetFieldValue<DateOnly>(15),
            Draws = r.IsDBNull(16) ? [] : JsonSerializer.Deserialize<LayerDraw[]>(r.GetString(16), StoredJson.Options) ?? [],
            RequestId = r.IsDBNull(17) ? null : r.GetString(17),
            User = r.GetString(18),
            Role = r.GetString(19),
            At = new DateTimeOffset(r.GetDateTime(20), TimeSpan.Zero),
            FromStatus = r.IsDBNull(21) ? null : ParseStatus(r.GetString(21)),
            ToStatus = r.IsDBNull(22) ? null : ParseStatus(r.GetString(22)),
            ManufacturedOn = r.IsDBNull(23) ? null : r.GetFieldValue<DateOnly>(23),
            Supplier = r.IsDBNull(24) ? null : r.GetString(24),
            PurchaseOrder = r.IsDBNull(25) ? null : r.GetString(25),
            ApprovedBy = r.IsDBNull(26) ? null : r.GetString(26),
            ApprovedRole = r.IsDBNull(27) ? null : r.GetString(27),
            QualityAfter = r.GetDecimal(28),
            DamagedAfter = r.GetDecimal(29),
            IncomingAfter = r.GetDecimal(30),
        };
        return (r.GetInt64(0), entry);
    }
}

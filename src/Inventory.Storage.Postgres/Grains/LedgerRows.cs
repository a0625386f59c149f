using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Ledger entries as column arrays, so any number of rows — of any number of positions — goes into
/// stock_ledger with one INSERT ... SELECT FROM unnest(...). The one place that knows the ledger's columns.
/// </summary>
internal sealed class LedgerRows(int capacity)
{
    public const string Columns = """
        warehouse, sku, position_seq, type, quantity, unit_cost, total_cost, on_hand_after, reserved_after,
        reservation_id, expires_at, reference, reason, lot, lot_expires_on, draws, request_id, user_name, user_role, at,
        from_status, to_status, manufactured_on, supplier, purchase_order, approved_by, approved_role, quality_after,
        damaged_after, incoming_after
        """;

    private readonly List<string> _warehouse = new(capacity);
    private readonly List<string> _sku = new(capacity);
    private readonly List<long> _seq = new(capacity);
    private readonly List<string> _type = new(capacity);
    private readonly List<decimal> _quantity = new(capacity);
    private readonly List<decimal?> _unitCost = new(capacity);
    private readonly List<decimal> _totalCost = new(capacity);
    private readonly List<decimal> _onHand = new(capacity);
    private readonly List<decimal> _reserved = new(capacity);
    private readonly List<string?> _reservationId = new(capacity);
    private readonly List<DateTime?> _expiresAt = new(capacity);
    private readonly List<string?> _reference = new(capacity);
    private readonly List<string?> _reason = new(capacity);
    private readonly List<string?> _lot = new(capacity);
    private readonly List<DateOnly?> _lotExpires = new(capacity);
    private readonly List<string?> _draws = new(capacity);
    private readonly List<string?> _requestId = new(capacity);
    private readonly List<string> _user = new(capacity);
    private readonly List<string> _role = new(capacity);
    private readonly List<DateTime> _at = new(capacity);
    private readonly List<string?> _fromStatus = new(capacity);
    private readonly List<string?> _toStatus = new(capacity);
    private readonly List<DateOnly?> _manufacturedOn = new(capacity);
    private readonly List<string?> _supplier = new(capacity);
    private readonly List<string?> _purchaseOrder = new(capacity);
    private readonly List<string?> _approvedBy = new(capacity);
    private readonly List<string?> _approvedRole = new(capacity);
    private readonly List<decimal> _qualityAfter = new(capacity);
    private readonly List<decimal> _damagedAfter = new(capacity);
    private readonly List<decimal> _incomingAfter = new(capacity);

    public int Count => _seq.Count;

    public void Add(LedgerEntry e)
    {
        _warehouse.Add(e.Position.Warehouse);
        _sku.Add(e.Position.Sku);
        _seq.Add(e.Sequence);
        _type.Add(LedgerEntryTypes.Name(e.Type));
        _quantity.Add(e.Quantity);
        _unitCost.Add(e.UnitCost);
        _totalCost.Add(e.TotalCost);
        _onHand.Add(e.OnHandAfter);
        _reserved.Add(e.ReservedAfter);
        _reservationId.Add(e.ReservationId);
        _expiresAt.Add(e.ExpiresAt?.UtcDateTime);
        _reference.Add(e.Reference);
        _reason.Add(e.Reason);
        _lot.Add(e.Lot);
        _lotExpires.Add(e.LotExpiresOn);
        _draws.Add(e.Draws.Count == 0 ? null : JsonSerializer.Serialize(e.Draws, StoredJson.Options));
        _requestId.Add(e.RequestId);
        _user.Add(e.User);
        _role.Add(e.Role);
        _at.Add(e.At.UtcDateTime);
        _fromStatus.Add(e.FromStatus is { } from ? StockFailures.Name(from) : null);
        _toStatus.Add(e.ToStatus is { } to ? StockFailures.Name(to) : null);
        _manufacturedOn.Add(e.ManufacturedOn);
        _supplier.Add(e.Supplier);
        _purchaseOrder.Add(e.PurchaseOrder);
        _approvedBy.Add(e.ApprovedBy);
        _approvedRole.Add(e.ApprovedRole);
        _qualityAfter.Add(e.QualityAfter);
        _damagedAfter.Add(e.DamagedAfter);
        _incomingAfter.Add(e.IncomingAfter);
    }

    /// <summary>The unnest(...) source, numbering its parameters from <paramref name="first"/>; its columns are <see cref="Columns"/>.</summary>
    public static string Source(int first) =>
        "unnest(" + string.Join(", ", Types.Select((t, i) => $"${first + i}::{t}[]")) + $") AS l({Columns})";

    /// <summary>How many parameters <see cref="Source"/> takes.</summary>
    public static int Width => Types.Length;

    private static readonly string[] Types =
    [
        "text", "text", "bigint", "text", "numeric", "numeric", "numeric", "numeric", "numeric",
        "text", "timestamptz", "text", "text", "text", "date", "jsonb", "text", "text", "text", "timestamptz",
        "text", "text", "date", "text", "text", "text", "text", "numeric", "numeric", "numeric",
    ];

    public void AddParameters(NpgsqlParameterCollection p)
    {
        p.Add(ArrayParameter.Of(_warehouse, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_sku, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_seq, NpgsqlDbType.Bigint));
        p.Add(ArrayParameter.Of(_type, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_quantity, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_unitCost, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_totalCost, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_onHand, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_reserved, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_reservationId, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_expiresAt, NpgsqlDbType.TimestampTz));
        p.Add(ArrayParameter.Of(_reference, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_reason, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_lot, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_lotExpires, NpgsqlDbType.Date));
        p.Add(ArrayParameter.Of(_draws, NpgsqlDbType.Jsonb));
        p.Add(ArrayParameter.Of(_requestId, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_user, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_role, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_at, NpgsqlDbType.TimestampTz));
        p.Add(ArrayParameter.Of(_fromStatus, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_toStatus, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_manufacturedOn, NpgsqlDbType.Date));
        p.Add(ArrayParameter.Of(_supplier, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_purchaseOrder, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_approvedBy, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_approvedRole, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_qualityAfter, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_damagedAfter, NpgsqlDbType.Numeric));
        p.Add(ArrayParameter.Of(_incomingAfter, NpgsqlDbType.Numeric));
    }
}

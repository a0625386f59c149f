using System.Diagnostics.Metrics;
using Inventory.Domain;
using Inventory.Queries;
using Npgsql;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>
/// The "Inventory" meter: reservations by outcome, refusals by problem code, stock movements by type (from every
/// committed ledger batch), and gauges read from the database when metrics are collected. Exported by OpenTelemetry
/// (<see cref="Telemetry"/>); the position grains' group-commit instruments are in
/// <see cref="Inventory.Grains.Positions.CommitMetrics"/>.
/// </summary>
public sealed class InventoryMetrics
{
    public const string MeterName = "Inventory";

    private static readonly TimeSpan GaugeFreshness = TimeSpan.FromSeconds(1);

    private readonly Counter<long> _reservations;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _movements;
    private readonly StockQueries _queries;
    private readonly TimeProvider _time;
    private readonly Lock _gaugeLock = new();
    private (long ActiveReservations, long LowStockPositions)? _gauges;
    private long? _gaugesReadAt;

    public InventoryMetrics(IMeterFactory meters, StockQueries queries, TimeProvider time)
    {
        _queries = queries;
        _time = time;
        var meter = meters.Create(MeterName);
        _reservations = meter.CreateCounter<long>("inventory.reservations", "{reservation}",
            "Reservation requests by outcome: created (the checkout held every line), refused (insufficient stock), failed, committed, released, extended.");
        _refusals = meter.CreateCounter<long>("inventory.refusals", "{response}",
            "Problem responses by their stable code (error.type) and HTTP status.");
        _movements = meter.CreateCounter<long>("inventory.stock.movements", "{entry}",
            "Committed ledger entries by movement type (as the ledger names it: received, reserved, ...).");
        meter.CreateObservableGauge<long>("inventory.reservations.active", () => Gauges() is { } g ? [new(g.ActiveReservations)] : [],
            "{reservation}", "Reservations holding stock now (active, not expired).");
        meter.CreateObservableGauge<long>("inventory.positions.low_stock", () => Gauges() is { } g ? [new(g.LowStockPositions)] : [],
            "{position}", "Positions whose available stock is at or below their reorder point.");
        meter.CreateObservableGauge("inventory.database.up", () => Gauges() is null ? 0 : 1, null,
            "1 when the database answered the last collection, else 0.");
    }

    /// <summary>created, refused (insufficient stock), committed, released, extended, failed.</summary>
    public void Reservation(string outcome) => _reservations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refusal(string code, int status) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("error.type", code), new KeyValuePair<string, object?>("http.response.status_code", status));

    public void Movement(LedgerEntryType type) =>
        _movements.Add(1, new KeyValuePair<string, object?>("inventory.movement.type", LedgerEntryTypes.Name(type)));

    /// <summary>
    /// The database gauges, read at most once a second (one collection asks for all three); null when the database
    /// did not answer.
    /// </summary>
    private (long ActiveReservations, long LowStockPositions)? Gauges()
    {
        lock (_gaugeLock)
        {
            if (_gaugesReadAt is { } readAt && _time.GetElapsedTime(readAt) < GaugeFreshness)
                return _gauges;
            try
            {
                _gauges = _queries.CountGauges();
            }
            catch (NpgsqlException)
            {
                _gauges = null;
            }

            _gaugesReadAt = _time.GetTimestamp();
            return _gauges;
        }
    }
}

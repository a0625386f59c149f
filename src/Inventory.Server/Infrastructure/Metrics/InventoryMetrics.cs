using Inventory.Grains.Positions;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Inventory.Domain;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>
/// The service's own counters, rendered by <see cref="MetricsEndpoint"/>: HTTP requests and latency by route,
/// reservations by outcome, stock movements by type (from every committed ledger batch), plus the position grains'
/// group-commit instruments (collected from the "Inventory.Grains" meter, <see cref="Inventory.Grains.Positions.CommitMetrics"/>).
/// </summary>
public sealed class InventoryMetrics : IDisposable
{
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<(string Method, string Route), LatencyHistogram> _latency = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _reservations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _movements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Instrument, string GrainType), StrongBox<double>> _runtime = new();
    private readonly MeterListener _listener = new();

    public InventoryMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CommitMetrics.MeterName && instrument is Counter<long> or Histogram<int> or Histogram<double>)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => AddRuntime(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => AddRuntime(instrument.Name + ".sum", value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => AddRuntime(instrument.Name + ".sum", value, tags));
        _listener.Start();
    }

    public void RequestFinished(string method, string route, int status, double seconds)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((method, route, status), static _ => new StrongBox<long>()).Value);
        _latency.GetOrAdd((method, route), static _ => new LatencyHistogram()).Record(seconds);
    }

    /// <summary>created, refused (insufficient stock), committed, released, extended, failed.</summary>
    public void Reservation(string outcome) => Increment(_reservations, outcome);

    public void Movement(LedgerEntryType type, int count = 1)
    {
        var name = type.ToString().ToLowerInvariant();
        Interlocked.Add(ref _movements.GetOrAdd(name, static _ => new StrongBox<long>()).Value, count);
    }

    public IEnumerable<((string Method, string Route, int Status) Key, long Count)> Requests =>
        _requests.Select(r => (r.Key, Interlocked.Read(ref r.Value.Value))).OrderBy(r => r.Key.Route, StringComparer.Ordinal);

    public IEnumerable<((string Method, string Route) Key, LatencyHistogram Histogram)> Latencies =>
        _latency.Select(l => (l.Key, l.Value)).OrderBy(l => l.Key.Route, StringComparer.Ordinal);

    public IEnumerable<(string Outcome, long Count)> Reservations => Read(_reservations);

    public IEnumerable<(string Type, long Count)> Movements => Read(_movements);

    public IEnumerable<((string Instrument, string GrainType) Key, double Value)> Runtime
    {
        get
        {
            _listener.RecordObservableInstruments();
            return _runtime.Select(r => (r.Key, Volatile.Read(ref r.Value.Value))).OrderBy(r => r.Key.Instrument, StringComparer.Ordinal);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void AddRuntime(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var grainType = "";
        foreach (var tag in tags)
        {
            if (tag.Key is "grain.type" or "grain_type" or "type")
                grainType = tag.Value?.ToString() ?? "";
        }

        var box = _runtime.GetOrAdd((instrument, grainType), static _ => new StrongBox<double>());
        double seen, next;
        do
        {
            seen = Volatile.Read(ref box.Value);
            next = seen + value;
        }
        while (Interlocked.CompareExchange(ref box.Value, next, seen) != seen);
    }

    private static void Increment(ConcurrentDictionary<string, StrongBox<long>> counters, string name) =>
        Interlocked.Increment(ref counters.GetOrAdd(name, static _ => new StrongBox<long>()).Value);

    private static IEnumerable<(string, long)> Read(ConcurrentDictionary<string, StrongBox<long>> counters) =>
        counters.Select(c => (c.Key, Interlocked.Read(ref c.Value.Value))).OrderBy(c => c.Key, StringComparer.Ordinal);

    /// <summary>A mutable cell shared by reference, so Interlocked can update it inside a dictionary.</summary>
    public sealed class StrongBox<T>
    {
        public T Value = default!;
    }
}

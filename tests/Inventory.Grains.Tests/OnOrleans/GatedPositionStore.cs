using Inventory.Domain;
using Inventory.Grains.Storage;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// The in-memory position store behind a gate: while <see cref="Close"/>d, every write waits at the gate (after it is
/// counted as started) until <see cref="Open"/>; <see cref="FailWrites"/> makes the writes that pass the gate throw.
/// </summary>
internal sealed class GatedPositionStore : IStockPositionStore
{
    private readonly InMemoryStockPositionStore _inner = new();
    private readonly object _lock = new();
    private TaskCompletionSource _gate = Opened();
    private TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private int _loads;

    public InMemoryStockPositionStore Inner => _inner;

    /// <summary>Writes that reached the store (held at the gate or done).</summary>
    public int WritesStarted => Volatile.Read(ref _started);

    public int Loads => Volatile.Read(ref _loads);

    public Exception? FailWrites { get; set; }

    public void Close()
    {
        lock (_lock) _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open()
    {
        lock (_lock) _gate.TrySetResult();
    }

    /// <summary>Completes when a write has reached the store since the last call.</summary>
    public Task NextWriteStarted()
    {
        lock (_lock) return _writeStarted.Task;
    }

    public async Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default)
    {
        Task gate;
        lock (_lock)
        {
            _started++;
            gate = _gate.Task;
            _writeStarted.TrySetResult();
            _writeStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await gate.ConfigureAwait(false);
        if (FailWrites is { } failure)
            throw failure;
        await _inner.SaveAsync(write, cancellationToken).ConfigureAwait(false);
    }

    public Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        return _inner.LoadAsync(position, cancellationToken);
    }

    public Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        _inner.LoadSummaryAsync(position, cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        _inner.ReadLedgerAsync(position, cancellationToken);

    public Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default) =>
        _inner.ListPositionsAsync(cancellationToken);

    public Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        _inner.ListWithExpiryDueAsync(asOf, cancellationToken);

    public Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default) =>
        _inner.OverwriteSnapshotAsync(snapshot, cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}

namespace Inventory.Grains.Events;

/// <summary>
/// A checkpointed consumer of the ledger's events (alerts, projections). The pump hands it the events after its
/// checkpoint in ledger order and saves the checkpoint only after <see cref="HandleAsync"/> returns, so after a
/// crash or restart it resumes from there: delivery is at least once and a consumer must be idempotent (the
/// <see cref="StockEvent.LedgerSeq"/> of each event is a natural de-duplication key).
/// </summary>
public interface IEventConsumer
{
    /// <summary>Stable name: the key of the consumer's checkpoint. Renaming it replays the whole ledger to it.</summary>
    string Name { get; }

    /// <summary>
    /// Processes events in order. Throwing leaves the checkpoint where it was: the same events come again after a
    /// back-off (the other consumers go on).
    /// </summary>
    Task HandleAsync(IReadOnlyList<StockEvent> events, CancellationToken cancellationToken);
}

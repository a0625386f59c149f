using Inventory.Grains.Events;

namespace Inventory.Grains.Alerts;

/// <summary>The alerts of one stock position (key "WAREHOUSE/SKU", like its <c>IStockPositionGrain</c>).</summary>
[Alias("inv.IStockAlertGrain")]
public interface IStockAlertGrain : IGrainWithStringKey
{
    /// <summary>
    /// Evaluates the rules after a level.changed event: raises what newly holds (unless throttled), resolves what
    /// cleared, and publishes an <see cref="AlertEvent"/> for each. Events at or before the last sequence already
    /// evaluated are ignored, so a replay after a restart changes nothing. Returns the events published.
    /// <paramref name="onlyReservations"/> says the batch behind the event only reserved, released, expired or extended,
    /// so lots and policy are as last read and the position's summary need not be read again.
    /// </summary>
    Task<IReadOnlyList<AlertEvent>> EvaluateAsync(StockEvent level, bool onlyReservations = false);

    /// <summary>Re-reads the position's summary and evaluates every rule: after its policy changed.</summary>
    Task<IReadOnlyList<AlertEvent>> ReevaluateAsync();

    /// <summary>
    /// Re-evaluates only the expiring-lots rule against the position's current state: lots cross the horizon as
    /// days pass, with no ledger movement to trigger an evaluation (<see cref="AlertSweep"/> calls this).
    /// </summary>
    Task<IReadOnlyList<AlertEvent>> ReevaluateLotsAsync();

    /// <summary>The position's open and acknowledged alerts.</summary>
    Task<IReadOnlyList<Alert>> GetActiveAsync();
}

namespace Inventory.Grains.Maintenance;

/// <summary>
/// A reservation record and one of its positions disagree: the position holds a line the record does not (kind
/// <see cref="ReservationAgreement.Orphaned"/>), or the record is active but the position does not hold the line
/// (<see cref="ReservationAgreement.Unheld"/>). Repaired says whether reconcile --repair brought them together.
/// </summary>
[GenerateSerializer, Alias("inv.ReservationDisagreement"), Immutable]
public sealed record ReservationDisagreement(string ReservationId, string Warehouse, string Sku, string Kind, string Detail, bool Repaired);

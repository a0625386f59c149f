namespace Inventory.Grains.Maintenance;

/// <summary>
/// Outcome of a reconcile: how many positions were checked, which differed from their ledger, and where reservation
/// records and the positions' holds disagree (only when records were checked).
/// </summary>
[GenerateSerializer, Alias("inv.ReconcileReport"), Immutable]
public sealed record ReconcileReport(int PositionsChecked, IReadOnlyList<PositionDifference> Differences,
    IReadOnlyList<ReservationDisagreement>? Reservations = null)
{
    [Id(3)]
    public IReadOnlyList<ReservationDisagreement> Reservations { get; init; } = Reservations ?? [];

    public bool Consistent => Differences.Count == 0 && Reservations.Count == 0;
}

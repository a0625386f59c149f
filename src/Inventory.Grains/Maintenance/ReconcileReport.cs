namespace Inventory.Grains.Maintenance;

/// <summary>Outcome of a reconcile: how many positions were checked and which differed.</summary>
public sealed record ReconcileReport(int PositionsChecked, IReadOnlyList<PositionDifference> Differences)
{
    public bool Consistent => Differences.Count == 0;
}

namespace Inventory.Bench.Verification;

/// <summary>
/// The database's verdict on one group of positions (one scenario) of one system, against what clients were told.
/// </summary>
/// <param name="OversoldUnits">Units reserved beyond on hand, summed over positions (must be 0).</param>
/// <param name="LostUnits">Units acknowledged to a client (201) but not reserved in the database (must be 0).</param>
/// <param name="UnacknowledgedUnits">Units reserved in the database that no client was told about (a timed-out or failed request that did commit).</param>
/// <param name="LedgerMismatches">Positions whose last ledger row disagrees with the stored level.</param>
public sealed record PositionCheck(
    string System,
    string Scenario,
    int Positions,
    int OversoldPositions,
    long OversoldUnits,
    long LostUnits,
    long UnacknowledgedUnits,
    int OnHandMismatches,
    int LedgerMismatches,
    long AcknowledgedUnits,
    long ReservedUnits)
{
    /// <summary>Oversells in the wide sense: stock promised beyond what exists, or promised and then not kept.</summary>
    public long Oversells => OversoldUnits + LostUnits;
}

namespace Inventory.Queries.Checks;

/// <summary>What the consistency check looks for.</summary>
public static class ConsistencyProblemKinds
{
    /// <summary>A position holds a reservation line whose reservation (or transfer) record is missing or no longer active.</summary>
    public const string OrphanedReservation = "orphaned_reservation";

    /// <summary>A reservation record is active but a position does not hold its line (or holds another quantity).</summary>
    public const string UnheldReservation = "unheld_reservation";

    /// <summary>The stored snapshot differs from the fold of the position's ledger (reconcile shows and repairs it).</summary>
    public const string Drift = "drift";

    /// <summary>Available below zero on a position whose policy does not allow negative stock.</summary>
    public const string NegativeAvailable = "negative_available";

    /// <summary>The alert kind (alerts.kind) the check raises, one per position with problems.</summary>
    public const string AlertKind = "consistency";
}

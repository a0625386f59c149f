namespace Inventory.Grains.Transfers;

/// <summary>
/// Where a transfer stands. Stored and shown lower snake: pending, in_transit, receiving, closing, completed, failed.
/// Pending, receiving and closing are "a step is recorded and may be in flight": the recovery sweep rolls them forward.
/// </summary>
[GenerateSerializer, Alias("inv.TransferStatus")]
public enum TransferStatus
{
    /// <summary>Recorded; the shipment at the source is next (or in flight).</summary>
    Pending,
    /// <summary>Shipped: the goods left the source with their cost and lots and are on the way.</summary>
    InTransit,
    /// <summary>A receipt is recorded; the destination's step is next (or in flight).</summary>
    Receiving,
    /// <summary>Closing short: what is still in transit is being recorded as lost at the destination.</summary>
    Closing,
    /// <summary>Everything shipped was received, or the rest was recorded as lost.</summary>
    Completed,
    /// <summary>The source refused the shipment: nothing moved.</summary>
    Failed,
}

namespace Inventory.Domain;

/// <summary>What kind of correction of the shelf record a <see cref="StockCorrection"/> is.</summary>
[GenerateSerializer, Alias("inv.CorrectionKind")]
public enum CorrectionKind
{
    /// <summary>A signed change of one status's quantity with a reason.</summary>
    Adjustment,
    /// <summary>A cycle count: the counted quantity of one status; the difference is posted.</summary>
    Count,
    /// <summary>A quantity of one status (optionally one lot) written off with a reason.</summary>
    WriteOff,
    /// <summary>Every expired lot (or one) written off with reason expired.</summary>
    ExpiredWriteOff,
}

/// <summary>
/// One correction of the record of what is on the shelf, as a value: what the API asks a position for and what a
/// pending approval keeps until a manager decides. <see cref="Quantity"/> is the signed delta of an adjustment, the
/// counted quantity of a count, the quantity of a write-off, and unused (0) for an expired write-off.
/// </summary>
[GenerateSerializer, Alias("inv.StockCorrection"), Immutable]
public sealed record StockCorrection(
    CorrectionKind Kind,
    decimal Quantity,
    AdjustmentReason Reason = AdjustmentReason.Correction,
    StockStatus Status = StockStatus.Available,
    string? Lot = null,
    decimal? UnitCost = null,
    decimal? ExpectedOnHand = null,
    string? Reference = null,
    string? RequestId = null)
{
    /// <summary>
    /// The correction an approval applies. A count waiting for approval becomes the adjustment of the difference it
    /// observed (<paramref name="change"/>): movements recorded after the count are real and must not be undone by
    /// re-applying the absolute figure later.
    /// </summary>
    public StockCorrection ToApply(decimal change) => Kind == CorrectionKind.Count
        ? this with { Kind = CorrectionKind.Adjustment, Quantity = change, Reason = AdjustmentReason.Count, ExpectedOnHand = null }
        : this;
}

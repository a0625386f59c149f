namespace Inventory.Grains.Approvals;

/// <summary>Bound from Inventory:Approvals.</summary>
public sealed class ApprovalOptions
{
    public const decimal DefaultLimit = 1000m;

    /// <summary>
    /// Corrections (adjustments, count differences, write-offs) worth more than this (absolute quantity x unit cost,
    /// in the currency of the costs) wait for a manager's approval. Default 1000; null turns approvals off.
    /// </summary>
    public decimal? Limit { get; set; } = DefaultLimit;

    /// <summary>False applies every correction at once, whatever its value (Inventory:Approvals:Enabled).</summary>
    public bool Enabled { get; set; } = true;
}

using Inventory.Domain;

namespace Inventory.Grains.Approvals;

/// <summary>
/// A correction a position refused with APPROVAL_REQUIRED, to wait for a manager: where, what, and the figures of
/// the refusal (value, limit, and the signed change of on hand it would post).
/// </summary>
[GenerateSerializer, Alias("inv.ApprovalSubmission"), Immutable]
public sealed record ApprovalSubmission(string Warehouse, string Sku, StockCorrection Correction, decimal Value, decimal Limit, decimal Change);

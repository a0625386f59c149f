using Inventory.Domain;

namespace Inventory.Grains.Approvals;

/// <summary>What callers see of an approval. Kind is adjustment, count, write_off or expired_write_off.</summary>
[GenerateSerializer, Alias("inv.ApprovalView"), Immutable]
public sealed record ApprovalView(
    string ApprovalId,
    string Status,
    string Warehouse,
    string Sku,
    string Kind,
    decimal Quantity,
    string Reason,
    string StockStatus,
    string? Lot,
    decimal Change,
    decimal Value,
    decimal Limit,
    string? Reference,
    string RequestedBy,
    string RequestedRole,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    string? DecidedRole,
    DateTimeOffset? DecidedAt,
    string? Note,
    decimal? CostOfGoods,
    string? LastFailureCode,
    string? LastFailureMessage)
{
    public static ApprovalView Of(ApprovalRecord r)
    {
        var s = r.Submission;
        var c = s.Correction;
        return new ApprovalView(r.Id, ApprovalRecord.StatusName(r.Status), s.Warehouse, s.Sku, KindName(c.Kind), c.Quantity,
            c.Reason.ToString().ToLowerInvariant(), StockFailures.Name(c.Status), c.Lot, s.Change, s.Value, s.Limit, c.Reference,
            r.RequestedBy.User, r.RequestedBy.Role, r.RequestedAt, r.DecidedBy?.User, r.DecidedBy?.Role, r.DecidedAt, r.Note,
            r.CostOfGoods, r.LastFailureCode, r.LastFailureMessage);
    }

    public static string KindName(CorrectionKind kind) => kind switch
    {
        CorrectionKind.WriteOff => "write_off",
        CorrectionKind.ExpiredWriteOff => "expired_write_off",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

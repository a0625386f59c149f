namespace Inventory.Domain;

/// <summary>Failures of lots, stock statuses, orders, transfers and approvals, each with a stable code and its facts.</summary>
public static class StockFailures
{
    public static Failure LotExpired(PositionKey position, decimal pickable, decimal requested, decimal expired) =>
        new(ErrorCodes.LotExpired,
            $"Only {pickable} unexpired available of {position}, {requested} requested; {expired} sit in expired lots, which are never picked.",
            new Dictionary<string, object?>
            {
                ["warehouse"] = position.Warehouse,
                ["sku"] = position.Sku,
                ["pickable"] = pickable,
                ["requested"] = requested,
                ["expired"] = expired,
            });

    /// <param name="change">How the correction would change on hand (signed): what an approved count posts.</param>
    public static Failure ApprovalRequired(decimal value, decimal limit, decimal change) =>
        new(ErrorCodes.ApprovalRequired,
            $"The correction is worth {value}, more than the approval limit of {limit}; a manager or admin must approve it.",
            new Dictionary<string, object?> { ["value"] = value, ["limit"] = limit, ["change"] = change });

    public static Failure SelfApproval(string user) =>
        new(ErrorCodes.SelfApproval, $"'{user}' asked for this correction and cannot also approve it.",
            new Dictionary<string, object?> { ["user"] = user });

    public static Failure InvalidStatus(string message, StockStatus? from = null, StockStatus? to = null) =>
        new(ErrorCodes.InvalidStatus, message, new Dictionary<string, object?>
        {
            ["from"] = from is { } f ? Name(f) : null,
            ["to"] = to is { } t ? Name(t) : null,
        });

    /// <summary>Too little stock in one status (and lot) for a status change, write-off or count.</summary>
    public static Failure NotEnoughInStatus(PositionKey position, StockStatus status, string? lot, decimal have, decimal requested) =>
        new(ErrorCodes.InsufficientStock,
            $"Only {have} {Name(status)}{(lot is null ? "" : $" in lot '{lot}'")} of {position}, {requested} requested.",
            new Dictionary<string, object?>
            {
                ["warehouse"] = position.Warehouse,
                ["sku"] = position.Sku,
                ["status"] = Name(status),
                ["lot"] = lot,
                ["available"] = have,
                ["requested"] = requested,
            });

    public static Failure OrderNotFound(string purchaseOrder) =>
        new(ErrorCodes.OrderNotFound, $"Nothing is on order under purchase order '{purchaseOrder}'.",
            new Dictionary<string, object?> { ["purchaseOrder"] = purchaseOrder });

    public static Failure OrderExceeded(string purchaseOrder, decimal open, decimal requested) =>
        new(ErrorCodes.InvalidQuantity, $"Only {open} is open on purchase order '{purchaseOrder}', {requested} requested.",
            new Dictionary<string, object?> { ["purchaseOrder"] = purchaseOrder, ["open"] = open, ["requested"] = requested });

    /// <summary>The stored name of a status: available, quality_control, damaged.</summary>
    public static string Name(StockStatus status) => status switch
    {
        StockStatus.Available => "available",
        StockStatus.QualityControl => "quality_control",
        StockStatus.Damaged => "damaged",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a stored status name (available, quality_control, damaged); also accepts "qc".</summary>
    public static bool TryParseStatus(string? text, out StockStatus status)
    {
        status = text?.ToLowerInvariant() switch
        {
            "available" => StockStatus.Available,
            "quality_control" or "qc" => StockStatus.QualityControl,
            "damaged" => StockStatus.Damaged,
            _ => (StockStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
